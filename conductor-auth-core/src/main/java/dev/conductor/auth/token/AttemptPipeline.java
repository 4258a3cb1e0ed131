package dev.conductor.auth.token;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.backoff.BackOffExecution;

import dev.conductor.auth.event.RefreshReason;

/**
 * The attempts of a refresh and what follows each, all on the manager's thread: a new
 * token and the next due refresh, or the back-off and the next attempt, or the fatal
 * state. Whatever one attempt meets, the attempt ends and either the next one is
 * scheduled or the fatal state is entered.
 */
final class AttemptPipeline {

	private static final Log logger = LogFactory.getLog(ConductorTokenManager.class);

	private final MintAttempt mintAttempt;

	private final FailureBudget budget;

	private final int exitCode;

	private final boolean recoverAfterFatal;

	private final Clock clock;

	private final LifecycleState state;

	private final RefreshScheduler scheduler;

	private final LifecycleEvents events;

	private final Consumer<TokenState> onDue;

	AttemptPipeline(ConductorTokenManagerBuilder builder, ConductorTokenSource source,
			TokenSourceDescription description, LifecycleState state, RefreshScheduler scheduler,
			LifecycleEvents events, Consumer<TokenState> onDue) {
		this.clock = builder.clock();
		this.mintAttempt = new MintAttempt(source, description, builder.lifetime(), this.clock,
				builder.observationRegistry());
		this.budget = builder.budget();
		this.exitCode = builder.exitCode();
		this.recoverAfterFatal = builder.recoverAfterFatal();
		this.state = state;
		this.scheduler = scheduler;
		this.events = events;
		this.onDue = onDue;
	}

	/**
	 * Start a refresh with a failed attempt that happened elsewhere (a token the server
	 * rejected before it accepted it): counted on the manager's thread.
	 */
	void startFailed(Refresh refresh, TokenMintException failure) {
		refresh.failurePending(failure);
		onManagerThread(refresh, () -> failed(refresh, failure), 0);
	}

	private void attempt(Refresh refresh) {
		if (this.state.closed) {
			return;
		}
		int attempt = refresh.startAttempt();
		MintAttempt.Outcome outcome = this.mintAttempt.run(refresh);
		TokenState token = outcome.state();
		if (token != null) {
			succeeded(refresh, token, attempt);
		}
		else {
			failed(refresh, Objects.requireNonNull(outcome.failure()));
		}
	}

	private void succeeded(Refresh refresh, TokenState token, int attempt) {
		if (this.state.closed) {
			return;
		}
		boolean recovered = this.state.fatal != null;
		TokenState previous = this.state.current.getAndSet(token);
		this.state.fatal = null;
		this.state.refresh.compareAndSet(refresh, null);
		RefreshReason reason = recovered ? RefreshReason.RECOVERED : refresh.reason();
		if (token.value() == null) {
			this.state.consecutiveFailures = token.failuresBefore();
			if (previous == null || previous.value() != null) {
				this.events.unsecured();
			}
			if (recovered) {
				this.events.minted(token, reason, attempt, refresh.failures());
			}
			refresh.result().complete(token);
			return;
		}
		this.state.consecutiveFailures = 0;
		// the event first: a caller that gets the new token can rely on it being
		// published
		this.events.minted(token, reason, attempt, refresh.failures());
		refresh.result().complete(token);
		RefreshScheduler.cancel(this.state.dueTask);
		this.state.dueTask = this.scheduler.schedule(() -> this.onDue.accept(token),
				token.dueAt() - this.clock.millis());
	}

	private void failed(Refresh refresh, TokenMintException failure) {
		if (this.state.closed) {
			return;
		}
		int failures = refresh.recordFailure(failure);
		this.state.consecutiveFailures = failures;
		this.state.lastFailure = failure;
		long maxInterval = this.budget.maxIntervalMillis();
		// after the fatal state (self-healing), attempts come about every longest
		// back-off, from the phase drawn on entering it
		long delay = (this.state.fatal != null) ? this.budget.delayOnceSpent() : this.budget.delayAfter(failures);
		if (delay != BackOffExecution.STOP && failure.getRetryAfter() != null) {
			// the server may ask for a longer wait, never a shorter one, and no longer
			// than the longest back-off
			delay = Math.max(delay, Math.min(SaturatingTime.millis(failure.getRetryAfter()), maxInterval));
		}
		if (delay == BackOffExecution.STOP) {
			TokenState token = this.state.current.get();
			long now = this.clock.millis();
			if (token == null || !token.isUsable(now)) {
				enterFatal(refresh, failure, failures);
				return;
			}
			// the budget is spent, but the current token still works: hold on to it
			// and keep trying until it expires, about every longest back-off from a
			// phase drawn once
			long onceSpent = (failures == this.budget.maxAttempts()) ? this.budget.firstDelayOnceSpent()
					: this.budget.delayOnceSpent();
			delay = Math.min(onceSpent, token.expiredAt() - now);
		}
		this.events.failed(failures, this.budget.maxAttempts(), failure, delay);
		scheduleAttempt(refresh, delay);
	}

	/**
	 * Enter the fatal state, once: the refresh stays in place, completed with the fatal
	 * exception, so that no caller can start another one with a fresh budget.
	 */
	private void enterFatal(Refresh refresh, TokenMintException failure, int failures) {
		FatalAuthenticationException fatal = new FatalAuthenticationException(
				"Conductor authentication is lost: " + failures
						+ " attempts in a row failed and no valid token is left. Last: " + failure.getMessage(),
				this.exitCode, failure);
		this.state.fatal = fatal;
		if (!this.recoverAfterFatal) {
			RefreshScheduler.cancel(this.state.dueTask);
		}
		this.events.fatal(fatal, failures, failure, this.recoverAfterFatal
				? "Trying again at most every " + this.budget.maxInterval() + "." : "Exit code " + this.exitCode + ".");
		refresh.result().completeExceptionally(fatal);
		if (this.recoverAfterFatal) {
			scheduleAttempt(refresh, this.budget.firstDelayOnceSpent());
		}
	}

	void scheduleAttempt(Refresh refresh, long delayMillis) {
		long at = SaturatingTime.plus(this.clock.millis(), Math.max(0, delayMillis));
		if (delayMillis > 0) {
			refresh.backOffUntil(at);
		}
		else {
			refresh.nextAttemptAt(at);
		}
		onManagerThread(refresh, () -> attempt(refresh), delayMillis);
	}

	/**
	 * Run one step of {@code refresh} on the manager's thread. A step that throws still
	 * ends: the next attempt follows at the longest back-off. A refresh that can never
	 * run does not keep callers waiting for it.
	 */
	private void onManagerThread(Refresh refresh, Runnable step, long delayMillis) {
		try {
			this.state.attemptTask = this.scheduler.schedule(() -> {
				try {
					step.run();
				}
				catch (Throwable ex) {
					endedUnexpectedly(refresh, ex);
				}
			}, delayMillis);
		}
		catch (RuntimeException ex) {
			this.state.refresh.compareAndSet(refresh, null);
			refresh.result()
				.completeExceptionally(new TokenUnavailableException(
						"The Conductor token manager could not schedule an attempt: " + ex.getMessage(), ex));
		}
	}

	private void endedUnexpectedly(Refresh refresh, Throwable ex) {
		logger.error("A Conductor token attempt ended unexpectedly; the next follows in " + this.budget.maxInterval(),
				ex);
		if (!this.state.closed && this.state.refresh.get() == refresh
				&& (this.state.fatal == null || this.recoverAfterFatal)) {
			scheduleAttempt(refresh, this.budget.maxIntervalMillis());
		}
	}

}
