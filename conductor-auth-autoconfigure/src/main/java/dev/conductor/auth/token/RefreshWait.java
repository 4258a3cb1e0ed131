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
 * How a caller waits for a refresh: at most the acquire timeout, blocking or not, and not
 * at all when the next attempt starts after that (waiting would buy nothing); and what
 * the caller gets when the wait ends without a token.
 */
final class RefreshWait {

	private final Duration acquireTimeout;

	private final long acquireTimeoutMillis;

	private final Clock clock;

	RefreshWait(Duration acquireTimeout, Clock clock) {
		this.acquireTimeout = acquireTimeout;
		this.acquireTimeoutMillis = SaturatingTime.millis(acquireTimeout);
		this.clock = clock;
	}

	TokenState await(Refresh refresh) {
		TokenUnavailableException tooLate = tooLate(refresh);
		if (tooLate != null) {
			throw tooLate;
		}
		try {
			return refresh.result().get(SaturatingTime.nanos(this.acquireTimeout), TimeUnit.NANOSECONDS);
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
		TokenUnavailableException tooLate = tooLate(refresh);
		if (tooLate != null) {
			return CompletableFuture.failedStage(tooLate);
		}
		return refresh.result()
			.thenApply(TokenState::value)
			.orTimeout(SaturatingTime.nanos(this.acquireTimeout), TimeUnit.NANOSECONDS)
			.exceptionallyCompose((ex) -> CompletableFuture.failedStage(forCaller(ex, refresh)));
	}

	/**
	 * The exception for a caller whose acquire timeout ends before the next attempt even
	 * starts: waiting would buy nothing.
	 */
	private @Nullable TokenUnavailableException tooLate(Refresh refresh) {
		long next = refresh.nextAttemptAt();
		long now = this.clock.millis();
		if (next == Long.MIN_VALUE || next <= SaturatingTime.plus(now, this.acquireTimeoutMillis)
				|| refresh.result().isDone()) {
			return null;
		}
		TokenMintException last = refresh.lastFailure();
		return new TokenUnavailableException("No Conductor token within " + this.acquireTimeout
				+ ": the next attempt runs at " + Instant.ofEpochMilli(next) + ", in " + Duration.ofMillis(next - now)
				+ ((last != null)
						? "; " + refresh.failures() + " attempts in a row failed, the last: " + last.getMessage() : ""),
				last);
	}

	/**
	 * Turn what ended a wait into the exception for the caller that waited.
	 */
	TokenUnavailableException forCaller(Throwable ex, Refresh refresh) {
		Throwable cause = (ex instanceof CompletionException || ex instanceof ExecutionException)
				&& ex.getCause() != null ? ex.getCause() : ex;
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
						: ": the token endpoint has not answered yet");
		return new TokenUnavailableException(message, (last != null) ? last : cause);
	}

}
