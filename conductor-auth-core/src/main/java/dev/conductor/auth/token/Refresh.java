package dev.conductor.auth.token;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.conductor.auth.event.RefreshReason;

/**
 * One refresh: the attempts it takes to mint a new token, and the future that everyone
 * who needs that token waits on. Its attempts run one after another on the lifecycle's
 * scheduler, which is what makes the counters safe without locks.
 * <p>
 * Callers wait on the current attempt ({@link #attempt()}), not on the whole refresh: an
 * attempt that fails releases its callers when the back-off starts, and a caller who
 * comes during the back-off does not wait at all; only a start-up that must not go on
 * without a token waits on {@link #result()}.
 */
final class Refresh {

	private final RefreshReason reason;

	private final CompletableFuture<TokenState> result = new CompletableFuture<>();

	private volatile CompletableFuture<TokenState> attempt = new CompletableFuture<>();

	private int failures;

	private int attempts;

	private volatile @Nullable TokenMintException lastFailure;

	private volatile long nextAttemptAt = Long.MIN_VALUE;

	Refresh(RefreshReason reason) {
		this.reason = reason;
		this.result.whenComplete((token, ex) -> end(this.attempt, token, ex));
	}

	RefreshReason reason() {
		return this.reason;
	}

	/**
	 * The outcome of the whole refresh: the token, or the fatal state.
	 */
	CompletableFuture<TokenState> result() {
		return this.result;
	}

	/**
	 * The outcome of the attempt that runs or comes next: the token, or
	 * {@link BackOffStarted} when it fails and the back-off starts.
	 */
	CompletableFuture<TokenState> attempt() {
		return this.attempt;
	}

	/**
	 * Count an attempt of this refresh and return its number, 1 for the first.
	 */
	int startAttempt() {
		this.nextAttemptAt = Long.MIN_VALUE;
		return ++this.attempts;
	}

	int attempts() {
		return this.attempts;
	}

	/**
	 * Start counting from failures that came before this refresh.
	 */
	void continueAfter(int failuresBefore) {
		this.failures = failuresBefore;
	}

	/**
	 * Record a failed attempt and return the consecutive failures so far.
	 */
	int recordFailure(TokenMintException failure) {
		this.lastFailure = failure;
		return ++this.failures;
	}

	/**
	 * Record a failure that happened elsewhere (a token the server rejected), before the
	 * manager's thread counts it: from now on, callers no longer wait for this refresh.
	 */
	void failurePending(TokenMintException failure) {
		this.lastFailure = failure;
		this.nextAttemptAt = Long.MAX_VALUE;
	}

	/**
	 * Record when the next attempt runs, on the manager's clock.
	 */
	void nextAttemptAt(long nextAttemptAt) {
		this.nextAttemptAt = nextAttemptAt;
	}

	/**
	 * Start a back-off until {@code nextAttemptAt}: the callers who waited for the
	 * attempt that failed are released, and those who come until the next attempt starts
	 * do not wait.
	 */
	void backOffUntil(long nextAttemptAt) {
		// first the instant, then the new attempt: a caller who finds the new attempt
		// also finds the back-off, and does not wait through it
		this.nextAttemptAt = nextAttemptAt;
		CompletableFuture<TokenState> failed = this.attempt;
		this.attempt = new CompletableFuture<>();
		failed.completeExceptionally(BackOffStarted.INSTANCE);
		if (this.result.isDone()) {
			// the refresh ended meanwhile (closed): the new attempt ends with it
			this.result.whenComplete((token, ex) -> end(this.attempt, token, ex));
		}
	}

	/**
	 * When the next attempt runs, on the manager's clock; {@link Long#MIN_VALUE} while
	 * one runs or before the first is scheduled, {@link Long#MAX_VALUE} while a failure
	 * that happened elsewhere (a rejected token) is being counted.
	 */
	long nextAttemptAt() {
		return this.nextAttemptAt;
	}

	/**
	 * Whether this refresh waits out a back-off at {@code now}: its last attempt failed
	 * and the next one has not started.
	 */
	boolean isBackingOff(long now) {
		return this.nextAttemptAt > now;
	}

	int failures() {
		return this.failures;
	}

	@Nullable TokenMintException lastFailure() {
		return this.lastFailure;
	}

	private static void end(CompletableFuture<TokenState> attempt, @Nullable TokenState token, @Nullable Throwable ex) {
		if (ex != null) {
			attempt.completeExceptionally(ex);
		}
		else {
			attempt.complete(token);
		}
	}

	/**
	 * How an attempt ends for its callers when it fails and the back-off starts; the
	 * caller's exception says when the next attempt runs and what the last one met.
	 */
	static final class BackOffStarted extends RuntimeException {

		static final BackOffStarted INSTANCE = new BackOffStarted();

		private BackOffStarted() {
			super("The attempt failed; the back-off started", null, false, false);
		}

	}

}
