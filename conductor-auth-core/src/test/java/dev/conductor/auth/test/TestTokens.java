package dev.conductor.auth.test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Credentials and tokens of the tests. Every token made here is remembered, so that the
 * suite-wide {@link LeakScanExtension} can look for each one in everything logged.
 */
public final class TestTokens {

	public static final String KEY_ID = "test-key-id";

	/**
	 * A secret unique to this run, so that no constant elsewhere can match it by chance.
	 */
	public static final String KEY_SECRET = "key-secret-" + UUID.randomUUID();

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

	private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

	private TestTokens() {
	}

	/**
	 * A JWT that expires at {@code exp}, with a random id and signature. Nothing verifies
	 * the signature: the starter decodes tokens, it never checks them.
	 */
	public static String jwt(Instant exp) {
		return jwt(null, exp);
	}

	/**
	 * A JWT issued at {@code iat} (no {@code iat} claim when {@code null}) that expires
	 * at {@code exp}.
	 */
	public static String jwt(@Nullable Instant iat, Instant exp) {
		String payload = encode("{\"sub\":\"" + KEY_ID + "\",\"jti\":\"" + UUID.randomUUID() + "\","
				+ ((iat != null) ? "\"iat\":" + iat.getEpochSecond() + "," : "") + "\"exp\":" + exp.getEpochSecond()
				+ "}");
		byte[] signature = new byte[32];
		RANDOM.nextBytes(signature);
		return remember(HEADER + "." + payload + "." + BASE64.encodeToString(signature));
	}

	/**
	 * A token that is not a JWT.
	 */
	public static String opaque() {
		return remember("opaque-" + UUID.randomUUID());
	}

	/**
	 * The parts of every token made so far that identify it: any one of them in a log
	 * line is a leak, even of a truncated token.
	 */
	public static List<String> fingerprints() {
		return ISSUED.stream()
			.flatMap((token) -> token.contains(".") ? List.of(token.split("\\.")).subList(1, 3).stream()
					: List.of(token).stream())
			.toList();
	}

	public static String remember(String token) {
		ISSUED.add(token);
		return token;
	}

	private static String encode(String json) {
		return BASE64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
