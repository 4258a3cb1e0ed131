package dev.conductor.auth.token;

import org.jspecify.annotations.Nullable;

/**
 * Thrown to a caller that waited {@code conductor.auth.acquire-timeout} for a Conductor
 * token and got none, or whose wait ended because the application is shutting down. The
 * message says why; it never contains the key secret or a token.
 */
public class TokenUnavailableException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message what went wrong
	 * @param cause the last failed attempt, if any
	 */
	public TokenUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
