package dev.conductor.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.conductor.auth.json.JsonCodec;
import dev.conductor.auth.json.JsonScalar;
import dev.conductor.auth.json.MalformedJsonException;
import dev.conductor.auth.json.ScalarFields;

/**
 * Decides how long a token lives, from what its source said ({@link ConductorToken}): an
 * {@code expiresAt} with an {@code issuedAt} lives their difference, measured on the
 * issuer's clock; an {@code expiresAt} alone lives until then by this machine's clock.
 * Without an {@code expiresAt}, a JWT {@code exp} claim counts, less its {@code iat}
 * claim, else less the token's {@code issuedAt} (for the Orkes source, the {@code Date}
 * of the token answer), else (neither there) less this machine's clock. Where this
 * machine's clock agrees with the issuer's to within the second that {@code iat} and
 * {@code Date} count, it measures instead, to the millisecond. A token without any of
 * these lives the configured TTL. That life is anchored at the moment the token arrived
 * here, on the manager's clock, so that a machine whose clock differs from the issuer's
 * by any amount neither mints in a loop nor takes good tokens for expired ones; a token
 * that expires before it was issued is a failed attempt.
 * <p>
 * The refresh margin is clamped to half of the token's life and the clock skew to a
 * quarter, so that a token that lives a few seconds is neither due nor expired the moment
 * it is minted; and a token is never due sooner than {@link #MIN_REFRESH_INTERVAL} after
 * its mint (unless it expires sooner), so that very short tokens do not turn the manager
 * into a mint loop. Both hold for every source.
 */
final class TokenLifetime {

	/**
	 * Shortest time between a mint and the background refresh that replaces its token.
	 */
	static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);

	/**
	 * How far this machine's clock may be from the server's {@code iat} or {@code Date}
	 * (before it; twice that after it, for the time the answer took) for the two to count
	 * as agreeing, given that those count whole seconds.
	 */
	private static final Duration CLOCKS_AGREE = Duration.ofSeconds(1);

	/**
	 * Latest {@code exp} or {@code iat} taken at face value: year 5138, far beyond any
	 * real token and far below an overflow of epoch milliseconds.
	 */
	private static final long MAX_CLAIM_SECONDS = 100_000_000_000L;

	private static final Set<String> CLAIMS = Set.of("exp", "iat");

	private final long ttl;

	private final long refreshBeforeExpiry;

	private final long clockSkew;

	private final JsonCodec json = JsonCodec.get();

	TokenLifetime(Duration ttl, Duration refreshBeforeExpiry, Duration clockSkew) {
		this.ttl = SaturatingTime.millis(ttl);
		this.refreshBeforeExpiry = SaturatingTime.millis(refreshBeforeExpiry);
		this.clockSkew = SaturatingTime.millis(clockSkew);
	}

	/**
	 * Return the state of a token that arrived at {@code arrivedAt}.
	 * @param token the token and what its source said of its life
	 * @param arrivedAt when the token arrived, on the manager's clock
	 * @param failuresBefore the consecutive failed attempts before this one
	 * @throws TokenMintException when the token expires before it was issued, or (with no
	 * issue time) before it arrived
	 */
	TokenState stateOf(ConductorToken token, long arrivedAt, int failuresBefore) {
		long lifetime = lifetimeOf(token, arrivedAt);
		long expiresAt = SaturatingTime.plus(arrivedAt, lifetime);
		long expiredAt = expiresAt - Math.min(this.clockSkew, lifetime / 4);
		long dueAt = Math.min(expiresAt - Math.min(this.refreshBeforeExpiry, lifetime / 2), expiredAt);
		dueAt = Math.min(Math.max(dueAt, SaturatingTime.plus(arrivedAt, MIN_REFRESH_INTERVAL.toMillis())), expiredAt);
		return new TokenState(token.value(), Instant.ofEpochMilli(expiresAt), arrivedAt, dueAt, expiredAt,
				failuresBefore);
	}

	private long lifetimeOf(ConductorToken token, long arrivedAt) {
		Long issuedAt = (token.issuedAt() != null) ? millis(token.issuedAt()) : null;
		Instant expiresAt = token.expiresAt();
		if (expiresAt != null) {
			return measure(millis(expiresAt), issuedAt,
					(issuedAt != null) ? "its issuedAt" : "this machine's clock (the token had no issuedAt)",
					arrivedAt);
		}
		ScalarFields claims = claims(token.value());
		Long exp = secondsClaim(claims, "exp");
		if (exp == null) {
			return this.ttl;
		}
		Long iat = secondsClaim(claims, "iat");
		if (iat != null) {
			return measure(exp * 1000, iat * 1000, "its iat claim", arrivedAt);
		}
		return measure(exp * 1000, issuedAt,
				(issuedAt != null) ? "its issuedAt (for the Orkes source, the Date of the answer)"
						: "this machine's clock (the token had neither an iat claim nor an issuedAt)",
				arrivedAt);
	}

	/**
	 * The life of a token that expires at {@code expiresAt} and was issued at
	 * {@code issuedAt} on the same clock, or (with {@code null}) on this machine's clock
	 * when it arrived.
	 */
	private long measure(long expiresAt, @Nullable Long issuedAt, String issuedBy, long arrivedAt) {
		long issued = (issuedAt != null) ? issuedAt : arrivedAt;
		String measure = issuedBy;
		if (expiresAt > issued) {
			// iat and Date count whole seconds: where this machine's clock agrees
			// with the issuer's to within that, it measures a short token's life to
			// the millisecond
			long offset = arrivedAt - issued;
			if (offset >= -CLOCKS_AGREE.toMillis() && offset <= 2 * CLOCKS_AGREE.toMillis()) {
				issued = arrivedAt;
				measure = "this machine's clock";
			}
		}
		long lifetime = expiresAt - issued;
		if (lifetime <= 0) {
			throw new TokenMintException(
					"The token source returned a token that expired at " + Instant.ofEpochMilli(expiresAt) + ", "
							+ Duration.ofMillis(-lifetime) + " before it was issued by " + measure
							+ ((issuedAt == null) ? ": check the clocks of this machine and the server" : ""),
					null);
		}
		return lifetime;
	}

	/**
	 * An instant as epoch milliseconds, within the years that {@code exp} and {@code iat}
	 * are taken at face value: an instant a source made up from a huge number (up to
	 * {@link Instant#MAX}) must not overflow.
	 */
	private static long millis(Instant instant) {
		long seconds = Math.max(-MAX_CLAIM_SECONDS, Math.min(instant.getEpochSecond(), MAX_CLAIM_SECONDS));
		return (seconds == instant.getEpochSecond()) ? instant.toEpochMilli() : seconds * 1000;
	}

	private @Nullable ScalarFields claims(String token) {
		int first = token.indexOf('.');
		int second = token.indexOf('.', first + 1);
		if (first <= 0 || second < 0) {
			return null;
		}
		try {
			byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
			return this.json.readScalarFields(payload, 0, payload.length, CLAIMS);
		}
		catch (IllegalArgumentException | MalformedJsonException ex) {
			return null;
		}
	}

	/**
	 * A claim in epoch seconds, or {@code null} when it is missing or not a plausible
	 * instant.
	 */
	private static @Nullable Long secondsClaim(@Nullable ScalarFields claims, String name) {
		JsonScalar value = (claims != null) ? claims.get(name) : null;
		if (value == null || !value.isNumber() || value.doubleValue() <= 0 || value.doubleValue() > MAX_CLAIM_SECONDS) {
			return null;
		}
		return (long) value.doubleValue();
	}

}
