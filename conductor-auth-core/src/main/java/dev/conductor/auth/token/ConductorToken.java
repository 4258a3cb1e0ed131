package dev.conductor.auth.token;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A token as a {@link ConductorTokenSource} obtained it, with what the source knows of
 * its life. The manager measures that life, never trusts the two instants as times of
 * this machine: with {@code expiresAt} and {@code issuedAt} the token lives their
 * difference from the moment it arrived; with {@code expiresAt} alone, until then by this
 * machine's clock. Without {@code expiresAt}, a JWT's {@code exp} claim counts, measured
 * against its {@code iat} claim, else {@code issuedAt}, else this machine's clock; a
 * token with neither lives {@code token-ttl}.
 *
 * <pre class="code">
 * ConductorToken token = ConductorToken.of(response.accessToken(), response.expiresAt(), response.issuedAt());
 * </pre>
 *
 * @param value the token, as sent after the header prefix
 * @param expiresAt when the token expires, if the source knows it
 * @param issuedAt when the token was issued, on the clock of {@code expiresAt} (for the
 * Orkes source: the {@code Date} of the token endpoint's answer), if known
 */
public record ConductorToken(String value, @Nullable Instant expiresAt, @Nullable Instant issuedAt) {

	public ConductorToken {
		Assert.hasText(value, "Token must not be empty");
	}

	/**
	 * Return a token whose life the manager reads from its JWT claims, else assumes to be
	 * {@code token-ttl}.
	 * @param value the token
	 * @return the token
	 */
	public static ConductorToken of(String value) {
		return new ConductorToken(value, null, null);
	}

	/**
	 * Return a token whose issuer said when it expires.
	 * @param value the token
	 * @param expiresAt when it expires, if known
	 * @param issuedAt when it was issued, on the same clock, if known
	 * @return the token
	 */
	public static ConductorToken of(String value, @Nullable Instant expiresAt, @Nullable Instant issuedAt) {
		return new ConductorToken(value, expiresAt, issuedAt);
	}

	@Override
	public String toString() {
		// never the token
		return "ConductorToken[expiresAt=" + this.expiresAt + ", issuedAt=" + this.issuedAt + "]";
	}

}
