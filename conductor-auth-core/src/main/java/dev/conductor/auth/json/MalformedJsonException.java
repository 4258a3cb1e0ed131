package dev.conductor.auth.json;

/**
 * Thrown when input is not one well-formed JSON value. Carries no cause: a parser's
 * message quotes the input, which may be a token's claims or anything a server sent, and
 * the readers need to know only that it is not JSON.
 */
public final class MalformedJsonException extends RuntimeException {

	MalformedJsonException(String message) {
		super(message);
	}

}
