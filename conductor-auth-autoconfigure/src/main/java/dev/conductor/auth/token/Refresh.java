package dev.conductor.auth.token;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.conductor.auth.event.RefreshReason;

/**
 * One refresh: the attempts it takes to mint a new token, and the future that everyone
 * who needs that token waits on. Its attempts run one after another on the lifecycle's
 * scheduler, which is what makes the counters safe without locks.
 */
final class Refresh {

	private final RefreshReason reason;

	private final CompletableFuture<TokenState> result = new CompletableFuture<>();

	private int failures;

	private int attempts;

	private volatile @Nullable TokenMintException lastFailure;

	private volatile long nextAttemptAt = Long.MIN_VALUE;

	Refresh(RefreshReason reason) {
		this.reason = reason;
	}

	RefreshReason reason() {
		return this.reason;
	}

	CompletableFuture<TokenState> result() {
		return this.result;
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
	 * Record when the next attempt runs, on the manager's clock.
	 */
	void nextAttemptAt(long nextAttemptAt) {
		this.nextAttemptAt = nextAttemptAt;
	}

	/**
	 * When the next attempt runs, on the manager's clock; {@link Long#MIN_VALUE} while
	 * one runs or before the first is scheduled.
	 */
	long nextAttemptAt() {
		return this.nextAttemptAt;
	}

	int failures() {
		return this.failures;
	}

	@Nullable TokenMintException lastFailure() {
		return this.lastFailure;
	}

}
