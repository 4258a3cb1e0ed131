package dev.conductor.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * How a caller waits for a refresh: for an attempt that runs or is about to, at most the
 * acquire timeout, blocking or not; not at all while the refresh waits out a back-off
 * after a failed attempt (waiting would buy nothing but seconds); and what the caller
 * gets when the wait ends without a token.
 */
final class RefreshWait {

	private final Duration acquireTimeout;

	private final Clock clock;

	private final TokenSourceDescription source;

	RefreshWait(Duration acquireTimeout, Clock clock, TokenSourceDescription source) {
		this.acquireTimeout = acquireTimeout;
		this.clock = clock;
		this.source = source;
	}

	TokenState await(Refresh refresh) {
		// the attempt before the back-off: one that a failure replaced is already
		// released
		CompletableFuture<TokenState> attempt = refresh.attempt();
		TokenUnavailableException tooLate = tooLate(refresh);
		if (tooLate != null) {
			throw tooLate;
		}
		try {
			return attempt.get(SaturatingTime.nanos(this.acquireTimeout), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			throw forCaller(ex, refresh);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TokenUnavailableException("Interrupted while waiting for a Conductor token", ex);
		}
	}

	CompletionStage<@Nullable String> awaitAsync(Refresh refresh) {
		CompletableFuture<TokenState> attempt = refresh.attempt();
		TokenUnavailableException tooLate = tooLate(refresh);
		if (tooLate != null) {
			return CompletableFuture.failedStage(tooLate);
		}
		return attempt.thenApply(TokenState::value)
			.orTimeout(SaturatingTime.nanos(this.acquireTimeout), TimeUnit.NANOSECONDS)
			.exceptionallyCompose((ex) -> CompletableFuture.failedStage(forCaller(ex, refresh)));
	}

	/**
	 * The exception for a caller who finds the refresh waiting out a back-off: the last
	 * attempt failed, so the next one would most likely fail too, and waiting for it
	 * would keep the caller for seconds to learn what it can learn now. A caller waits
	 * only for an attempt that runs or is about to.
	 */
	private @Nullable TokenUnavailableException tooLate(Refresh refresh) {
		long now = this.clock.millis();
		if (!refresh.isBackingOff(now) || refresh.result().isDone()) {
			return null;
		}
		return backingOff(refresh, now);
	}

	private TokenUnavailableException backingOff(Refresh refresh, long now) {
		long next = refresh.nextAttemptAt();
		boolean counting = next == Long.MAX_VALUE;
		// a failure that happened elsewhere is counted on the manager's thread: until
		// then it is one more than the count says
		int failures = refresh.failures() + (counting ? 1 : 0);
		TokenMintException last = refresh.lastFailure();
		return new TokenUnavailableException("No Conductor token now: the next attempt runs "
				+ (counting ? "after the back-off"
						: (next <= now) ? "now"
								: "at " + Instant.ofEpochMilli(next) + ", in " + Duration.ofMillis(next - now))
				+ ((last != null) ? "; " + failures + ((failures == 1) ? " attempt" : " attempts in a row")
						+ " failed, the last: " + last.getMessage() : ""),
				last);
	}

	/**
	 * Turn what ended a wait into the exception for the caller that waited.
	 */
	TokenUnavailableException forCaller(Throwable ex, Refresh refresh) {
		Throwable cause = (ex instanceof CompletionException || ex instanceof ExecutionException)
				&& ex.getCause() != null ? ex.getCause() : ex;
		if (cause instanceof Refresh.BackOffStarted) {
			return backingOff(refresh, this.clock.millis());
		}
		if (cause instanceof FatalAuthenticationException fatal) {
			return fatal.forCaller();
		}
		if (cause instanceof TokenUnavailableException unavailable) {
			return new TokenUnavailableException(unavailable.getMessage(), unavailable.getCause());
		}
		TokenMintException last = refresh.lastFailure();
		String message = "No Conductor token within " + this.acquireTimeout
				+ ((last != null)
						? ": " + refresh.failures() + " attempts in a row failed, the last: " + last.getMessage()
						: ": the " + this.source.kind() + " has not answered yet");
		return new TokenUnavailableException(message, (last != null) ? last : cause);
	}

}
