package dev.conductor.auth.sample.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's tokens, whoever issues them: HS256 JWTs with a subject, a unique id and
 * an {@code exp}, signed with a key made at startup, and the set of revoked ones.
 */
final class SimulatedTokens {

	/**
	 * What the server thinks of a token.
	 */
	enum Verdict {

		VALID, MISSING, INVALID, EXPIRED, REVOKED

	}

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final String HEADER = ENCODER
		.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

	private final Clock clock;

	private final Duration lifetime;

	private final byte[] key = new byte[32];

	private final JsonMapper json = JsonMapper.shared();

	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	private final AtomicInteger issued = new AtomicInteger();

	private volatile @Nullable String lastIssuedId;

	private volatile long lastIssuedAt;

	private volatile @Nullable String lastAcceptedId;

	SimulatedTokens(Clock clock, Duration lifetime) {
		this.clock = clock;
		this.lifetime = lifetime;
		new SecureRandom().nextBytes(this.key);
	}

	Duration lifetime() {
		return this.lifetime;
	}

	int issued() {
		return this.issued.get();
	}

	String issue(String subject) {
		String id = UUID.randomUUID().toString();
		long exp = this.clock.instant().plus(this.lifetime).getEpochSecond();
		String payload = ENCODER.encodeToString(this.json.writeValueAsBytes(
				Map.of("sub", subject, "jti", id, "iat", this.clock.instant().getEpochSecond(), "exp", exp)));
		this.lastIssuedAt = this.clock.millis();
		this.lastIssuedId = id;
		this.issued.incrementAndGet();
		return HEADER + "." + payload + "." + sign(HEADER + "." + payload);
	}

	/**
	 * Revoke the token issued last.
	 * @return whether there was one
	 */
	boolean revokeCurrent() {
		String id = this.lastIssuedId;
		return id != null && this.revoked.add(id);
	}

	/**
	 * Whether the token issued last has been accepted by the API at least once: a token
	 * in use, whose rejection a client replaces at once (one rejected before it was ever
	 * accepted counts as a failed attempt, and its replacement follows the back-off).
	 */
	boolean currentInUse() {
		String id = this.lastIssuedId;
		return id != null && id.equals(this.lastAcceptedId);
	}

	/**
	 * Whether the token issued last has lived less than a quarter of its lifetime: a
	 * client that refreshes at half of it (or later) goes on using it for a while.
	 */
	boolean currentYoung() {
		return this.lastIssuedId != null && this.clock.millis() - this.lastIssuedAt < this.lifetime.toMillis() / 4;
	}

	Verdict verify(@Nullable String token) {
		if (token == null || token.isBlank()) {
			return Verdict.MISSING;
		}
		String[] parts = token.split("\\.");
		if (parts.length != 3
				|| !MessageDigest.isEqual(sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
						parts[2].getBytes(StandardCharsets.US_ASCII))) {
			return Verdict.INVALID;
		}
		try {
			JsonNode claims = this.json.readTree(Base64.getUrlDecoder().decode(parts[1]));
			if (this.revoked.contains(claims.path("jti").asString())) {
				return Verdict.REVOKED;
			}
			if (this.clock.instant().getEpochSecond() >= claims.path("exp").asLong()) {
				return Verdict.EXPIRED;
			}
			this.lastAcceptedId = claims.path("jti").asString();
			return Verdict.VALID;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return Verdict.INVALID;
		}
	}

	private String sign(String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return ENCODER.encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
