package dev.conductor.auth.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.sun.management.ThreadMXBean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
