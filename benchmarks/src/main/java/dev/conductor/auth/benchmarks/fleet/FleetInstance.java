package dev.conductor.auth.benchmarks.fleet;

import org.jspecify.annotations.Nullable;

/**
 * One application instance of a fleet, and what the scenario learns about it: whether it
 * holds a token, since when, whether it exited, and until when its last token was valid.
 * One thread of the {@link PollDriver} polls it; our side also reports mints and the
 * fatal state from its manager's thread. Instants are {@link System#nanoTime()} values.
 */
abstract class FleetInstance implements AutoCloseable {

	static final long NONE = Long.MIN_VALUE;

	private final long startedAt;

	private boolean holding;

	private long lastFailureAt = NONE;

	private long backAt = NONE;

	private long tokenExpiresAt = NONE;

	private volatile long exitedAt = NONE;

	private volatile long fatalAt = NONE;

	FleetInstance(long startedAt) {
		this.startedAt = startedAt;
	}

	/**
	 * Ask for the token once, as a worker's poll does, without waiting for one.
	 * @param now when the poll starts
	 * @return the token, or {@code null} when the instance has none now (or has exited)
	 */
	protected abstract @Nullable String token(long now);

	/**
	 * Stop the instance, as its JVM ending would.
	 */
	@Override
	public abstract void close();

	/**
	 * Poll the instance and note the outcome.
	 * @param now when the poll starts
	 */
	final void poll(long now) {
		if (hasExited()) {
			return;
		}
		String token = token(now);
		if (hasExited()) {
			return;
		}
		if (token != null) {
			holds(now, tokenExpiry(token));
		}
		else {
			failed(now);
		}
	}

	/**
	 * The {@link System#nanoTime()} at which {@code token} expires, or {@link #NONE} when
	 * the instance learns it otherwise.
	 */
	protected long tokenExpiry(String token) {
		return NONE;
	}

	/**
	 * The instance holds a token from {@code now} on.
	 * @param now when it got it or found it
	 * @param expiresAt when that token expires, or {@link #NONE} if unknown here
	 */
	final synchronized void holds(long now, long expiresAt) {
		this.holding = true;
		if (expiresAt != NONE) {
			this.tokenExpiresAt = expiresAt;
		}
		if (this.lastFailureAt != NONE && this.backAt == NONE) {
			this.backAt = now;
		}
	}

	private synchronized void failed(long now) {
		if (this.backAt != NONE && now < this.backAt) {
			// a poll that started before the mint that its instance reported meanwhile
			return;
		}
		this.holding = false;
		this.lastFailureAt = now;
		this.backAt = NONE;
	}

	/**
	 * The instance reached the fatal state at {@code now} and ends, as its application
	 * would.
	 */
	final void exited(long now) {
		if (this.exitedAt == NONE) {
			this.exitedAt = now;
		}
	}

	/**
	 * The instance went through the fatal state at {@code now} and keeps running.
	 */
	final void wentFatal(long now) {
		if (this.fatalAt == NONE) {
			this.fatalAt = now;
		}
	}

	final boolean hasExited() {
		return this.exitedAt != NONE;
	}

	final long exitedAt() {
		return this.exitedAt;
	}

	final boolean hasGoneFatal() {
		return this.fatalAt != NONE;
	}

	final long startedAt() {
		return this.startedAt;
	}

	final synchronized boolean isHolding() {
		return this.holding;
	}

	final synchronized long tokenExpiresAt() {
		return this.tokenExpiresAt;
	}

	/**
	 * How long after {@code since} the instance held a token again for good: 0 if it held
	 * one then (or got one before and kept it), {@link Long#MAX_VALUE} if its last poll
	 * found none.
	 */
	final synchronized long backAfter(long since) {
		if (this.lastFailureAt == NONE) {
			return 0;
		}
		if (this.backAt == NONE) {
			return Long.MAX_VALUE;
		}
		return Math.max(0, this.backAt - since);
	}

}
