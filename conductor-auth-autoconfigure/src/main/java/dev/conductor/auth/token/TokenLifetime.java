package dev.conductor.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides how long a token lives: its JWT {@code exp} claim when it has one (decoded, not
 * verified: the token belongs to the server), else the configured TTL. The refresh margin
 * is clamped to half of the token's life and the clock skew to a quarter, so that a token
 * that lives a few seconds is neither due nor expired the moment it is minted.
 */
final class TokenLifetime {

	/**
	 * Latest {@code exp} taken at face value: year 5138, far beyond any real token and
	 * far below an overflow of epoch milliseconds.
	 */
	private static final long MAX_EXP_SECONDS = 100_000_000_000L;

	private final Duration ttl;

	private final Duration refreshBeforeExpiry;

	private final Duration clockSkew;

	private final JsonMapper jsonMapper = JsonMapper.shared();

	TokenLifetime(Duration ttl, Duration refreshBeforeExpiry, Duration clockSkew) {
		this.ttl = ttl;
		this.refreshBeforeExpiry = refreshBeforeExpiry;
		this.clockSkew = clockSkew;
	}

	/**
	 * Return the state of a token minted at {@code mintedAt}.
	 * @throws TokenMintException when the token's {@code exp} is not after its mint
	 */
	TokenState stateOf(String token, long mintedAt, int failuresBefore) {
		Long exp = expiryClaim(token);
		long expiresAt = (exp != null) ? exp * 1000 : mintedAt + this.ttl.toMillis();
		long lifetime = expiresAt - mintedAt;
		if (lifetime <= 0) {
			throw new TokenMintException("The token endpoint returned a token that expired at "
					+ Instant.ofEpochMilli(expiresAt) + ", " + Duration.ofMillis(-lifetime)
					+ " before it was minted by this machine's clock: check the clocks of this machine and the server",
					null);
		}
		long expiredAt = expiresAt - Math.min(this.clockSkew.toMillis(), lifetime / 4);
		long dueAt = Math.min(expiresAt - Math.min(this.refreshBeforeExpiry.toMillis(), lifetime / 2), expiredAt);
		return new TokenState(token, Instant.ofEpochMilli(expiresAt), mintedAt, dueAt, expiredAt, failuresBefore);
	}

	/**
	 * The {@code exp} claim in epoch seconds, or {@code null} when the token is not a JWT
	 * or has no usable one.
	 */
	private @Nullable Long expiryClaim(String token) {
		int first = token.indexOf('.');
		int second = token.indexOf('.', first + 1);
		if (first <= 0 || second < 0) {
			return null;
		}
		try {
			byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
			JsonNode exp = this.jsonMapper.readTree(payload).get("exp");
			if (exp == null || !exp.isNumber() || exp.doubleValue() <= 0 || exp.doubleValue() > MAX_EXP_SECONDS) {
				return null;
			}
			return (long) exp.doubleValue();
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

}
