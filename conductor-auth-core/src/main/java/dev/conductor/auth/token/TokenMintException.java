package dev.conductor.auth.token;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Why one attempt to mint a Conductor token failed: the token source (the Orkes token
 * endpoint, another issuer) could not be reached, answered with an error, or answered
 * something that holds no usable token. The message says what came back; it never
 * contains the key secret or a token. A {@link ConductorTokenSource} throws it to say
 * what failed, and how long the issuer asked to wait if it did.
 */
public class TokenMintException extends RuntimeException {

	/** How long the server asked us to wait, if it did. */
	private final @Nullable Duration retryAfter;

	/**
	 * Create a new exception.
	 * @param message what came back
	 * @param cause the underlying I/O or parse error, if any
	 */
	public TokenMintException(String message, @Nullable Throwable cause) {
		this(message, cause, null);
	}

	/**
	 * Create a new exception for an answer that asked the client to wait.
	 * @param message what came back
	 * @param cause the underlying I/O or parse error, if any
	 * @param retryAfter how long the answer's {@code Retry-After} asked to wait, if it
	 * did
	 */
	public TokenMintException(String message, @Nullable Throwable cause, @Nullable Duration retryAfter) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * Return how long the issuer asked to wait before the next attempt, such as the token
	 * endpoint's {@code Retry-After} header. The manager waits at least its own back-off
	 * and at most its longest.
	 * @return the wait, or {@code null} when it asked for none
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
