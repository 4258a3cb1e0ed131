package dev.conductor.auth.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import com.sun.management.ThreadMXBean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Token errors told from every other 401 and 403.
 */
class TokenErrorDetectorTests {

	private final TokenErrorDetector detector = new TokenErrorDetector(List.of("EXPIRED_TOKEN", "INVALID_TOKEN"));

	@Test
	void expiredAndInvalidTokenOn401Or403AreTokenErrors() {
		assertThat(detect(401, "{\"error\":\"EXPIRED_TOKEN\"}")).isEqualTo("EXPIRED_TOKEN");
		assertThat(detect(403, "{\"message\":\"Token cannot be null or empty\",\"error\":\"INVALID_TOKEN\","
				+ "\"timestamp\":1672808447076}"))
			.isEqualTo("INVALID_TOKEN");
	}

	@Test
	void otherStatusesAreNeverTokenErrors() {
		assertThat(detect(400, "{\"error\":\"EXPIRED_TOKEN\"}")).isNull();
		assertThat(detect(500, "{\"error\":\"INVALID_TOKEN\"}")).isNull();
		assertThat(this.detector.isCandidate(200)).isFalse();
		assertThat(this.detector.isCandidate(401)).isTrue();
	}

	@Test
	void aPermission403IsNotATokenError() {
		assertThat(detect(403, "{\"status\":403,\"message\":\"You don't have permissions\"}")).isNull();
	}

	@Test
	void emptyNonJsonAndOtherErrorsAreNotTokenErrors() {
		assertThat(detect(401, "")).isNull();
		assertThat(detect(401, "<html>EXPIRED_TOKEN</html>")).isNull();
		assertThat(detect(401, "{\"error\":\"USER_NOT_FOUND\"}")).isNull();
		assertThat(detect(401, "[\"EXPIRED_TOKEN\"]")).isNull();
		assertThat(detect(401, "{\"error\":{\"code\":\"EXPIRED_TOKEN\"}}")).isNull();
		assertThat(detect(401, "{\"nested\":{\"error\":\"EXPIRED_TOKEN\"}}")).isNull();
		assertThat(detect(401, "{\"error\":\"EXPIRED_TOKEN\"")).isNull();
	}

	@Test
	void aGzipEncodedBodyIsDecodedFirst() throws IOException {
		byte[] gzipped = gzip("{\"error\":\"EXPIRED_TOKEN\"}");
		assertThat(this.detector.tokenError(401, gzipped, gzipped.length, "gzip")).isEqualTo("EXPIRED_TOKEN");
		assertThat(this.detector.tokenError(401, gzipped, gzipped.length, null)).isNull();
	}

	@Test
	void aGzipBombIsNotInflatedBeyondTheBound() throws IOException {
		// a token error padded to 64 MiB: 64 KiB of gzip, which the detector must not
		// inflate whole (the padding alone would cost more than the bound a thousandfold)
		byte[] bomb = gzipBomb();
		assertThat(bomb.length).isLessThanOrEqualTo(TokenErrorDetector.MAX_BODY_BYTES);
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		String error = this.detector.tokenError(401, bomb, bomb.length, "gzip");
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(allocated).as("bytes allocated to decide").isLessThan(8L * 1024 * 1024);
		assertThat(error).as("a body larger than the bound once inflated is not a token error").isNull();
	}

	@Test
	void deeplyNestedJsonIsNotATokenError() throws IOException {
		String nested = "{\"error\":\"EXPIRED_TOKEN\",\"a\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
		assertThat(nested.length()).isLessThanOrEqualTo(TokenErrorDetector.MAX_BODY_BYTES);
		assertThat(detect(401, nested)).isNull();
		byte[] gzipped = gzip(nested);
		assertThat(this.detector.tokenError(401, gzipped, gzipped.length, "gzip")).isNull();
	}

	@Test
	void aTokenErrorJustUnderTheBoundIsStillRecognised() throws IOException {
		String padded = "{\"error\":\"EXPIRED_TOKEN\",\"pad\":\"" + " ".repeat(TokenErrorDetector.MAX_BODY_BYTES - 100)
				+ "\"}";
		byte[] gzipped = gzip(padded);
		assertThat(this.detector.tokenError(401, gzipped, gzipped.length, "gzip")).isEqualTo("EXPIRED_TOKEN");
		assertThat(detect(401, padded)).isEqualTo("EXPIRED_TOKEN");
	}

	@Test
	void onlyTheConfiguredErrorsCount() {
		TokenErrorDetector custom = new TokenErrorDetector(List.of("TOKEN_REVOKED"));
		byte[] body = "{\"error\":\"TOKEN_REVOKED\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(custom.tokenError(401, body, body.length, null)).isEqualTo("TOKEN_REVOKED");
		assertThat(detect(401, "{\"error\":\"TOKEN_REVOKED\"}")).isNull();
	}

	@Test
	void theConductorRuleReadsTheBodyAndItsEncodingThroughTheHeaderLookup() throws IOException {
		TokenErrorDetector conductorRule = TokenErrorDetector.conductorErrors(List.of("EXPIRED_TOKEN"));
		assertThat(conductorRule.readsBody()).isTrue();
		assertThat(conductorRule.isCandidate(403)).isTrue();
		byte[] gzipped = gzip("{\"error\":\"EXPIRED_TOKEN\"}");
		assertThat(conductorRule.tokenError(401, headers(Map.of("content-encoding", List.of("gzip"))), gzipped,
				gzipped.length))
			.isEqualTo("EXPIRED_TOKEN");
		assertThat(conductorRule.tokenError(401, headers(Map.of()), gzipped, gzipped.length)).isNull();
	}

	@Test
	void aBearerInvalidTokenChallengeOn401IsATokenError() {
		assertThat(bearer(401, "Bearer error=\"invalid_token\"")).isEqualTo("invalid_token");
		assertThat(bearer(401, "Bearer realm=\"conductor\", error=\"invalid_token\", "
				+ "error_description=\"The access token expired\""))
			.isEqualTo("invalid_token");
		assertThat(bearer(401, "Bearer error=invalid_token")).isEqualTo("invalid_token");
		assertThat(bearer(401, "bEaReR ERROR = \"invalid_token\"")).isEqualTo("invalid_token");
	}

	@Test
	void theBearerRuleReadsNoBodyAndLooksAt401Only() {
		TokenErrorDetector bearer = TokenErrorDetector.bearerErrors(List.of("invalid_token"));
		assertThat(bearer.readsBody()).isFalse();
		assertThat(bearer.isCandidate(401)).isTrue();
		assertThat(bearer.isCandidate(403)).isFalse();
		assertThat(bearer.isCandidate(200)).isFalse();
		assertThat(bearer(403, "Bearer error=\"invalid_token\"")).isNull();
		assertThat(bearer(400, "Bearer error=\"invalid_token\"")).isNull();
	}

	@Test
	void otherBearerErrorsAndOtherChallengesAreNotTokenErrors() {
		assertThat(bearer(401, "Bearer error=\"insufficient_scope\", scope=\"workflow:read\"")).isNull();
		assertThat(bearer(401, "Bearer realm=\"conductor\"")).isNull();
		assertThat(bearer(401, "Bearer")).isNull();
		assertThat(bearer(401, "Basic realm=\"conductor\", error=\"invalid_token\"")).isNull();
		assertThat(bearer(401, "Bearerx error=\"invalid_token\"")).isNull();
		assertThat(bearer(401, "Bearer error_description=\"invalid_token\"")).isNull();
		assertThat(bearer(401, "Bearer error=\"Invalid_Token\"")).isNull();
		assertThat(bearer(401)).isNull();
		// the Conductor rule's body means nothing to the bearer rule
		byte[] body = "{\"error\":\"INVALID_TOKEN\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(TokenErrorDetector.bearerErrors(List.of("INVALID_TOKEN"))
			.tokenError(401, headers(Map.of()), body, body.length)).isNull();
	}

	@Test
	void aBearerChallengeAmongOthersInOneHeaderIsFound() {
		assertThat(bearer(401, "Basic realm=\"x\", Bearer realm=\"c\", error=\"invalid_token\""))
			.isEqualTo("invalid_token");
		assertThat(bearer(401, "Negotiate, Basic realm=\"a, error=invalid_token\", Bearer error=\"invalid_token\""))
			.isEqualTo("invalid_token");
		assertThat(bearer(401, "Bearer realm=\"c\", Basic error=\"invalid_token\"")).isNull();
		// a token68 is no scheme: Negotiate's credentials do not open a Bearer challenge
		assertThat(bearer(401, "Negotiate Bearer, error=\"invalid_token\"")).isNull();
		assertThat(bearer(401, "Negotiate YII==, Bearer error=\"invalid_token\"")).isEqualTo("invalid_token");
	}

	@Test
	void aBearerChallengeOnAnotherHeaderLineIsFound() {
		assertThat(bearer(401, "Basic realm=\"x\"", "Bearer error=\"invalid_token\"")).isEqualTo("invalid_token");
		assertThat(bearer(401, "Bearer error=\"insufficient_scope\"", "Basic realm=\"x\"")).isNull();
	}

	@Test
	void quotedStringsAreReadWithTheirEscapes() {
		assertThat(bearer(401, "Bearer realm=\"a \\\"quoted\\\", error=\\\"x\", error=\"invalid_token\""))
			.isEqualTo("invalid_token");
		assertThat(bearer(401, "Bearer error=\"invalid\\_token\"")).isEqualTo("invalid_token");
		assertThat(bearer(401, "Bearer realm=\"a, Bearer error=\\\"invalid_token\\\"\"")).isNull();
		assertThat(bearer(401, "Bearer error=\"invalid_token")).isNull();
	}

	@Test
	void junkInChallengesIsNeitherAnErrorNorATokenError() {
		for (String junk : List.of("", ",", ",,,", "=", "\"", "\\", "Bearer =", "Bearer ==,=", "Bearer error",
				"Bearer error=", "Bearer error=,", "Bearer error==\"invalid_token\"", "Bearer \"error\"=invalid_token",
				"Bearer error=\"\\", "\u0000Bearer error=invalid_token\u0000", "Bearer\terror=\t\"x\"",
				"Bearer error=\"invalid_token\"x", "Bearer error=invalid_token\"")) {
			assertThat(bearer(401, junk)).as(junk).isIn(null, "invalid_token");
		}
		assertThat(bearer(401, "Bearer error==\"invalid_token\"")).isNull();
		assertThat(bearer(401, "Bearer \"error\"=invalid_token")).isNull();
		assertThat(bearer(401, ", ,Bearer ,, error=\"invalid_token\" ,")).isEqualTo("invalid_token");
	}

	@Test
	void aHostileChallengeIsLookedAtOnlyUpToTheBound() {
		TokenErrorDetector bearer = TokenErrorDetector.bearerErrors(TokenErrorDetector.DEFAULT_BEARER_ERRORS);
		String[] manyLines = new String[100_000];
		Arrays.fill(manyLines, "Basic realm=\"x\"");
		manyLines[manyLines.length - 1] = "Bearer error=\"invalid_token\"";
		List<Function<String, List<String>>> hostile = List.of(
				challenges("Bearer realm=\"" + "x".repeat(10 * 1024 * 1024) + "\", error=\"invalid_token\""),
				challenges("Bearer " + "a=b, ".repeat(1_000_000) + "error=\"invalid_token\""), challenges(manyLines),
				challenges("\"".repeat(10 * 1024 * 1024)),
				challenges("Bearer error=\"" + "\\\"".repeat(5 * 1024 * 1024) + "\""),
				challenges(", ".repeat(5 * 1024 * 1024) + "Bearer error=invalid_token"));
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		for (Function<String, List<String>> headers : hostile) {
			assertThat(bearer.tokenError(401, headers, new byte[0], 0)).isNull();
		}
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(allocated).as("bytes allocated to decide").isLessThan(256L * 1024);
		String justUnder = "Bearer realm=\"" + "x".repeat(TokenErrorDetector.MAX_CHALLENGE_CHARS - 100)
				+ "\", error=\"invalid_token\"";
		assertThat(bearer(401, justUnder)).isEqualTo("invalid_token");
	}

	@Test
	void theBearerRuleSurvivesAThrowingHeaderLookup() {
		TokenErrorDetector bearer = TokenErrorDetector.bearerErrors(List.of("invalid_token"));
		assertThat(bearer.tokenError(401, (name) -> {
			throw new IllegalStateException("no headers");
		}, new byte[0], 0)).isNull();
		assertThat(bearer.tokenError(401, (name) -> null, new byte[0], 0)).isNull();
	}

	@Test
	void onlyTheConfiguredBearerErrorsCount() {
		TokenErrorDetector custom = TokenErrorDetector.bearerErrors(List.of("invalid_token", "token_revoked"));
		assertThat(custom.tokenError(401, headers(Map.of("WWW-Authenticate", List.of("Bearer error=token_revoked"))),
				new byte[0], 0))
			.isEqualTo("token_revoked");
		assertThat(bearer(401, "Bearer error=token_revoked")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> TokenErrorDetector.bearerErrors(List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> TokenErrorDetector.conductorErrors(List.of()));
	}

	@Test
	void itNamesItsRuleButNoValueOfAResponse() {
		assertThat(TokenErrorDetector.bearerErrors(List.of("invalid_token")))
			.hasToString("TokenErrorDetector[WWW-Authenticate Bearer error in [invalid_token]]");
		assertThat(this.detector.toString()).contains("EXPIRED_TOKEN");
	}

	private static String bearer(int status, String... challenges) {
		return TokenErrorDetector.bearerErrors(TokenErrorDetector.DEFAULT_BEARER_ERRORS)
			.tokenError(status, challenges(challenges), new byte[0], 0);
	}

	private static Function<String, List<String>> challenges(String... challenges) {
		return headers(Map.of("www-authenticate", List.of(challenges)));
	}

	/**
	 * A header lookup by case-insensitive name, as every client's headers are.
	 */
	private static Function<String, List<String>> headers(Map<String, List<String>> headers) {
		return (name) -> headers.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(List.of());
	}

	private String detect(int status, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return this.detector.tokenError(status, bytes, bytes.length, null);
	}

	/**
	 * A valid token error whose padding inflates to 64 MiB.
	 */
	private static byte[] gzipBomb() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write("{\"error\":\"EXPIRED_TOKEN\",\"pad\":\"".getBytes(StandardCharsets.UTF_8));
			byte[] zeros = new byte[1024 * 1024];
			Arrays.fill(zeros, (byte) '0');
			for (int i = 0; i < 64; i++) {
				gzip.write(zeros);
			}
			gzip.write("\"}".getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

}
