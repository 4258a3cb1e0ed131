package dev.conductor.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.backoff.BackOffExecution;

import dev.conductor.auth.event.RefreshReason;

/**
 * The lifecycle's state and its transitions: the current token, the one refresh in
 * flight, the failure budget and the fatal state. Callers start refreshes; every attempt,
 * and every decision that follows one (success, back-off, fatal), runs on the manager's
 * thread. Whatever one attempt meets, the attempt ends and either the next one is
 * scheduled or the fatal state is entered.
 */
final class TokenRefresher {

	private static final Log logger = LogFactory.getLog(ConductorTokenManager.class);

	private final TokenEndpoint endpoint;

	private final MintAttempt mintAttempt;

	private final FailureBudget budget;

	private final int exitCode;

	private final boolean recoverAfterFatal;

	private final Clock clock;

	private final RefreshScheduler scheduler;

	private final LifecycleEvents events;

	private final AtomicReference<@Nullable TokenState> current = new AtomicReference<>();

	private final AtomicReference<@Nullable Refresh> refresh = new AtomicReference<>();

	private volatile @Nullable FatalAuthenticationException fatal;

	private volatile int consecutiveFailures;

	private volatile @Nullable TokenMintException lastFailure;

	private volatile @Nullable ScheduledFuture<?> dueTask;

	private volatile @Nullable ScheduledFuture<?> attemptTask;

	private volatile boolean closed;

	TokenRefresher(ConductorTokenManagerBuilder builder, TokenEndpoint endpoint, RefreshScheduler scheduler,
			LifecycleEvents events) {
		this.endpoint = endpoint;
		this.clock = builder.clock();
		this.mintAttempt = new MintAttempt(endpoint, builder.lifetime(), this.clock, builder.observationRegistry());
		this.budget = builder.budget();
		this.exitCode = builder.exitCode();
		this.recoverAfterFatal = builder.recoverAfterFatal();
		this.scheduler = scheduler;
		this.events = events;
	}

	@Nullable TokenState current() {
		return this.current.get();
	}

	@Nullable FatalAuthenticationException fatal() {
		return this.fatal;
	}

	boolean isClosed() {
		return this.closed;
	}

	boolean isRefreshing() {
		return this.refresh.get() != null;
	}

	int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	@Nullable TokenMintException lastFailure() {
		return this.lastFailure;
	}

	void start() {
		if (this.current.get() == null && !this.closed) {
			startRefresh(RefreshReason.INITIAL, null, null);
		}
	}

	void refreshInBackground(TokenState state) {
		if (!this.closed && this.fatal == null && this.current.get() == state) {
			startRefresh(RefreshReason.SCHEDULED, state, null);
		}
	}

	/**
	 * The refresh that a caller who found no usable token waits for.
	 */
	Refresh pendingRefresh(@Nullable TokenState observed) {
		FatalAuthenticationException fatal = this.fatal;
		if (fatal != null) {
			throw fatal.forCaller();
		}
		if (this.closed) {
			throw closedException();
		}
		return startRefresh((observed != null) ? RefreshReason.EXPIRED : RefreshReason.INITIAL, observed, null);
	}

	/**
	 * The refresh that replaces {@code rejectedToken} ({@code null}: a request sent
	 * without a token because the server seemed to have no security), or {@code null}
	 * when that token is no longer the current one.
	 */
	@Nullable Refresh refreshAfterRejection(@Nullable String rejectedToken) {
		TokenState state = this.current.get();
		long now = this.clock.millis();
		if (state == null || this.fatal != null || !Objects.equals(rejectedToken, state.value())
				|| !state.isUsable(now)) {
			// already replaced, or being replaced: getToken() finds the new one or waits
			return null;
		}
		// a server that rejects a token it never accepted, or that wants a token although
		// its token endpoint answered 404, would have us call that endpoint in a loop
		TokenMintException early = null;
		if (state.value() == null) {
			early = new TokenMintException("The server rejected a request sent without a token: its token endpoint "
					+ this.endpoint + " had answered 404 (no security), but its API wants a token", null);
		}
		else if (!state.isAccepted()) {
			early = new TokenMintException("The server rejected a token that it had not accepted once, "
					+ (now - state.mintedAt()) + " ms after it was minted", null);
		}
		Refresh refresh = startRefresh(RefreshReason.REJECTED, state, early);
		this.current.compareAndSet(state, state.rejectedAt(now));
		return refresh;
	}

	/**
	 * Return the refresh in flight, or start one. A refresh started to replace
	 * {@code observed} is dropped when another refresh replaced it meanwhile. A refresh
	 * for a rejected token first takes that token out of use; with an
	 * {@code earlyFailure}, it starts as a failed attempt, on the manager's thread.
	 */
	private Refresh startRefresh(RefreshReason reason, @Nullable TokenState observed,
			@Nullable TokenMintException earlyFailure) {
		while (true) {
			Refresh running = this.refresh.get();
			if (running != null) {
				return running;
			}
			Refresh created = new Refresh(reason);
			if (this.refresh.compareAndSet(null, created)) {
				FatalAuthenticationException fatal = this.fatal;
				TokenState latest = this.current.get();
				if (fatal != null) {
					// the fatal state came between the caller's check and now
					this.refresh.compareAndSet(created, null);
					created.result().completeExceptionally(fatal.forCaller());
				}
				else if (latest != null && latest != observed && latest.isUsable(this.clock.millis())) {
					this.refresh.compareAndSet(created, null);
					created.result().complete(latest);
				}
				else if (reason == RefreshReason.REJECTED && observed != null && earlyFailure != null) {
					// no longer hand out the rejected token, before the budget looks at
					// it
					this.current.compareAndSet(observed, observed.rejectedAt(this.clock.millis()));
					created.continueAfter(observed.failuresBefore());
					onManagerThread(created, () -> failed(created, earlyFailure), 0);
				}
				else {
					if (reason == RefreshReason.REJECTED && observed != null) {
						this.current.compareAndSet(observed, observed.rejectedAt(this.clock.millis()));
					}
					scheduleAttempt(created, 0);
				}
				return created;
			}
		}
	}

	private void attempt(Refresh refresh) {
		if (this.closed) {
			return;
		}
		int attempt = refresh.startAttempt();
		MintAttempt.Outcome outcome = this.mintAttempt.run(refresh);
		TokenState state = outcome.state();
		if (state != null) {
			succeeded(refresh, state, attempt);
		}
		else {
			failed(refresh, Objects.requireNonNull(outcome.failure()));
		}
	}

	private void succeeded(Refresh refresh, TokenState state, int attempt) {
		if (this.closed) {
			return;
		}
		boolean recovered = this.fatal != null;
		TokenState previous = this.current.getAndSet(state);
		this.fatal = null;
		this.refresh.compareAndSet(refresh, null);
		RefreshReason reason = recovered ? RefreshReason.RECOVERED : refresh.reason();
		if (state.value() == null) {
			this.consecutiveFailures = state.failuresBefore();
			if (previous == null || previous.value() != null) {
				this.events.unsecured(this.endpoint);
			}
			if (recovered) {
				this.events.minted(state, reason, attempt, refresh.failures());
			}
			refresh.result().complete(state);
			return;
		}
		this.consecutiveFailures = 0;
		// the event first: a caller that gets the new token can rely on it being
		// published
		this.events.minted(state, reason, attempt, refresh.failures());
		refresh.result().complete(state);
		RefreshScheduler.cancel(this.dueTask);
		this.dueTask = this.scheduler.schedule(() -> refreshInBackground(state), state.dueAt() - this.clock.millis());
	}

	private void failed(Refresh refresh, TokenMintException failure) {
		if (this.closed) {
			return;
		}
		int failures = refresh.recordFailure(failure);
		this.consecutiveFailures = failures;
		this.lastFailure = failure;
		long maxInterval = this.budget.maxIntervalMillis();
		long delay = (this.fatal != null) ? maxInterval : this.budget.delayAfter(failures);
		if (delay != BackOffExecution.STOP && failure.getRetryAfter() != null) {
			// the server may ask for a longer wait, never a shorter one, and no longer
			// than the longest back-off
			delay = Math.max(delay, Math.min(SaturatingTime.millis(failure.getRetryAfter()), maxInterval));
		}
		if (delay == BackOffExecution.STOP) {
			TokenState state = this.current.get();
			long now = this.clock.millis();
			if (state == null || !state.isUsable(now)) {
				enterFatal(refresh, failure, failures);
				return;
			}
			// the budget is spent, but the current token still works: hold on to it
			// and keep trying until it expires
			delay = Math.min(maxInterval, state.expiredAt() - now);
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
		this.fatal = fatal;
		if (!this.recoverAfterFatal) {
			RefreshScheduler.cancel(this.dueTask);
		}
		this.events.fatal(fatal, failures, failure, this.recoverAfterFatal
				? "Trying again every " + this.budget.maxInterval() + "." : "Exit code " + this.exitCode + ".");
		refresh.result().completeExceptionally(fatal);
		if (this.recoverAfterFatal) {
			scheduleAttempt(refresh, this.budget.maxIntervalMillis());
		}
	}

	private void scheduleAttempt(Refresh refresh, long delayMillis) {
		refresh.nextAttemptAt(SaturatingTime.plus(this.clock.millis(), Math.max(0, delayMillis)));
		onManagerThread(refresh, () -> attempt(refresh), delayMillis);
	}

	/**
	 * Run one step of {@code refresh} on the manager's thread. A step that throws still
	 * ends: the next attempt follows at the longest back-off. A refresh that can never
	 * run does not keep callers waiting for it.
	 */
	private void onManagerThread(Refresh refresh, Runnable step, long delayMillis) {
		try {
			this.attemptTask = this.scheduler.schedule(() -> {
				try {
					step.run();
				}
				catch (Throwable ex) {
					endedUnexpectedly(refresh, ex);
				}
			}, delayMillis);
		}
		catch (RuntimeException ex) {
			this.refresh.compareAndSet(refresh, null);
			refresh.result()
				.completeExceptionally(new TokenUnavailableException(
						"The Conductor token manager could not schedule an attempt: " + ex.getMessage(), ex));
		}
	}

	private void endedUnexpectedly(Refresh refresh, Throwable ex) {
		logger.error("A Conductor token attempt ended unexpectedly; the next follows in " + this.budget.maxInterval(),
				ex);
		if (!this.closed && this.refresh.get() == refresh && (this.fatal == null || this.recoverAfterFatal)) {
			scheduleAttempt(refresh, this.budget.maxIntervalMillis());
		}
	}

	ConductorTokenStatus status() {
		TokenState state = this.current.get();
		TokenMintException failure = this.lastFailure;
		boolean secured = state == null || state.value() != null;
		boolean hasToken = state != null && secured;
		long now = this.clock.millis();
		return new ConductorTokenStatus(Instant.ofEpochMilli(now), state != null && state.isUsable(now), secured,
				hasToken ? state.expiresAt() : null, hasToken ? Instant.ofEpochMilli(state.dueAt()) : null,
				this.consecutiveFailures, (failure != null) ? failure.getMessage() : null, this.fatal != null);
	}

	void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		RefreshScheduler.cancel(this.dueTask);
		RefreshScheduler.cancel(this.attemptTask);
		Refresh running = this.refresh.getAndSet(null);
		if (running != null) {
			running.result().completeExceptionally(closedException());
		}
		this.scheduler.close();
		this.endpoint.close();
	}

	static TokenUnavailableException closedException() {
		return new TokenUnavailableException("The Conductor token manager is closed", null);
	}

}
