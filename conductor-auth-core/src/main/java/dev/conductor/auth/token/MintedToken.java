package dev.conductor.auth.token;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A token as the token endpoint answered it, with the server's {@code Date} of that
 * answer: the server's clock, against which a token without an {@code iat} claim is
 * measured.
 *
 * @param value the token
 * @param serverDate the answer's {@code Date} header, if it had a valid one
 */
record MintedToken(String value, @Nullable Instant serverDate) {

	@Override
	public String toString() {
		return "MintedToken[serverDate=" + this.serverDate + "]";
	}

}
