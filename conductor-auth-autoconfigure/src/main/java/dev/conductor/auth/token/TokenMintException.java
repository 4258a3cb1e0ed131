package dev.conductor.auth.token;

import org.jspecify.annotations.Nullable;

/**
 * Why one attempt to mint a Conductor token failed: the token endpoint could not be
 * reached, answered with an error, or answered something that holds no usable token. The
 * message says what came back; it never contains the key secret or a token.
 */
public class TokenMintException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message what came back
	 * @param cause the underlying I/O or parse error, if any
	 */
	public TokenMintException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
