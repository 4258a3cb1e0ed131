package dev.conductor.auth.token;

import java.time.Clock;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.conductor.auth.event.RefreshReason;

/**
 * Single flight: however many callers need a new token at the same moment, one refresh
 * runs, and every caller waits on that one. Callers start refreshes here; their attempts
 * run in the {@link AttemptPipeline}, on the manager's thread.
 */
final class RefreshCoordinator {

	private final TokenSourceDescription description;

	private final @Nullable AutoCloseable ownedSource;

	private final Clock clock;

	private final LifecycleState state;

	private final RefreshScheduler scheduler;

	private final AttemptPipeline pipeline;

	RefreshCoordinator(ConductorTokenManagerBuilder builder, ConductorTokenSource source,
			@Nullable AutoCloseable ownedSource, TokenSourceDescription description, LifecycleState state,
			RefreshScheduler scheduler, LifecycleEvents events) {
		this.description = description;
		this.ownedSource = ownedSource;
		this.clock = builder.clock();
		this.state = state;
		this.scheduler = scheduler;
		this.pipeline = new AttemptPipeline(builder, source, description, state, scheduler, events,
				this::refreshInBackground);
	}

	@Nullable TokenState current() {
		return this.state.current.get();
	}

	boolean isClosed() {
		return this.state.closed;
	}

	boolean isRefreshing() {
		return this.state.refresh.get() != null;
	}

	void start() {
		if (this.state.current.get() == null && !this.state.closed) {
			startRefresh(RefreshReason.INITIAL, null, null);
		}
	}

	void refreshInBackground(TokenState token) {
		if (!this.state.closed && this.state.fatal == null && this.state.current.get() == token) {
			startRefresh(RefreshReason.SCHEDULED, token, null);
		}
	}

	/**
	 * The refresh that a caller who found no usable token waits for.
	 */
	Refresh pendingRefresh(@Nullable TokenState observed) {
		FatalAuthenticationException fatal = this.state.fatal;
		if (fatal != null) {
			throw fatal.forCaller();
		}
		if (this.state.closed) {
			throw LifecycleState.closedException();
		}
		return startRefresh((observed != null) ? RefreshReason.EXPIRED : RefreshReason.INITIAL, observed, null);
	}

	/**
	 * The refresh that replaces {@code rejectedToken} ({@code null}: a request sent
	 * without a token because the server seemed to have no security), or {@code null}
	 * when that token is no longer the current one.
	 */
	@Nullable Refresh refreshAfterRejection(@Nullable String rejectedToken) {
		TokenState token = this.state.current.get();
		long now = this.clock.millis();
		if (token == null || this.state.fatal != null || !Objects.equals(rejectedToken, token.value())
				|| !token.isUsable(now)) {
			// already replaced, or being replaced: getToken() finds the new one or waits
			return null;
		}
		// a server that rejects a token it never accepted, or that wants a token although
		// its source returned none (a 404 of the token endpoint), would have us call that
		// source in a loop
		TokenMintException early = null;
		if (token.value() == null) {
			early = new TokenMintException(this.description.rejectedWithoutToken(), null);
		}
		else if (!token.isAccepted()) {
			early = new TokenMintException("The server rejected a token that it had not accepted once, "
					+ (now - token.mintedAt()) + " ms after it was minted", null);
		}
		Refresh refresh = startRefresh(RefreshReason.REJECTED, token, early);
		this.state.current.compareAndSet(token, token.rejectedAt(now));
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
			Refresh running = this.state.refresh.get();
			if (running != null) {
				return running;
			}
			Refresh created = new Refresh(reason);
			if (this.state.refresh.compareAndSet(null, created)) {
				FatalAuthenticationException fatal = this.state.fatal;
				TokenState latest = this.state.current.get();
				if (fatal != null) {
					// the fatal state came between the caller's check and now
					this.state.refresh.compareAndSet(created, null);
					created.result().completeExceptionally(fatal.forCaller());
				}
				else if (latest != null && latest != observed && latest.isUsable(this.clock.millis())) {
					this.state.refresh.compareAndSet(created, null);
					created.result().complete(latest);
				}
				else if (reason == RefreshReason.REJECTED && observed != null && earlyFailure != null) {
					// no longer hand out the rejected token, before the budget looks at
					// it
					this.state.current.compareAndSet(observed, observed.rejectedAt(this.clock.millis()));
					created.continueAfter(observed.failuresBefore());
					this.pipeline.startFailed(created, earlyFailure);
				}
				else {
					if (reason == RefreshReason.REJECTED && observed != null) {
						this.state.current.compareAndSet(observed, observed.rejectedAt(this.clock.millis()));
					}
					this.pipeline.scheduleAttempt(created, 0);
				}
				return created;
			}
		}
	}

	void close() {
		if (this.state.closed) {
			return;
		}
		this.state.closed = true;
		RefreshScheduler.cancel(this.state.dueTask);
		RefreshScheduler.cancel(this.state.attemptTask);
		Refresh running = this.state.refresh.getAndSet(null);
		if (running != null) {
			running.result().completeExceptionally(LifecycleState.closedException());
		}
		this.scheduler.close();
		if (this.ownedSource != null) {
			try {
				this.ownedSource.close();
			}
			catch (Exception ex) {
				// closing is best effort: no attempt runs any more
			}
		}
	}

}
