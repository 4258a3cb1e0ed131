package dev.conductor.auth.token;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * A minted token and the instants that govern it, as epoch milliseconds so that the hot
 * path compares longs. Immutable; a rejected token is replaced by a copy that is expired.
 */
final class TokenState {

	private final @Nullable String value;

	private final Instant expiresAt;

	private final long mintedAt;

	private final long dueAt;

	private final long expiredAt;

	private final int failuresBefore;

	private final CompletionStage<@Nullable String> stage;

	private volatile boolean accepted;

	TokenState(@Nullable String value, Instant expiresAt, long mintedAt, long dueAt, long expiredAt,
			int failuresBefore) {
		this.value = value;
		this.expiresAt = expiresAt;
		this.mintedAt = mintedAt;
		this.dueAt = dueAt;
		this.expiredAt = expiredAt;
		this.failuresBefore = failuresBefore;
		this.stage = CompletableFuture.completedStage(value);
	}

	/**
	 * The state of a server without security: no token, never due. It keeps the failed
	 * attempts before it, so that a server whose token endpoint answers 404 while its API
	 * wants a token runs out of the failure budget instead of looping.
	 */
	static TokenState unsecured(long now, int failuresBefore) {
		return new TokenState(null, Instant.MAX, now, Long.MAX_VALUE, Long.MAX_VALUE, failuresBefore);
	}

	/**
	 * The token, or {@code null} when the server wants none.
	 */
	@Nullable String value() {
		return this.value;
	}

	/**
	 * The token as a completed stage, made once so that asynchronous readers of a valid
	 * token allocate nothing.
	 */
	CompletionStage<@Nullable String> stage() {
		return this.stage;
	}

	Instant expiresAt() {
		return this.expiresAt;
	}

	long mintedAt() {
		return this.mintedAt;
	}

	/**
	 * From this instant on, one background refresh replaces the token.
	 */
	long dueAt() {
		return this.dueAt;
	}

	/**
	 * From this instant on, the token is no longer sent: callers wait for a new one.
	 */
	long expiredAt() {
		return this.expiredAt;
	}

	/**
	 * The consecutive failed attempts before the one that minted this token.
	 */
	int failuresBefore() {
		return this.failuresBefore;
	}

	/**
	 * Whether the server accepted this token at least once: a request with it got an
	 * answer that was not a token error.
	 */
	boolean isAccepted() {
		return this.accepted;
	}

	void accept() {
		if (!this.accepted) {
			this.accepted = true;
		}
	}

	boolean isUsable(long now) {
		return now < this.expiredAt;
	}

	/**
	 * A copy that is expired from {@code now} on, for a token the server rejected.
	 */
	TokenState rejectedAt(long now) {
		return new TokenState(this.value, this.expiresAt, this.mintedAt, Math.min(now, this.dueAt),
				Math.min(now, this.expiredAt), this.failuresBefore);
	}

	@Override
	public String toString() {
		return "TokenState[expiresAt=" + this.expiresAt + "]";
	}

}
