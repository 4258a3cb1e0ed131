package dev.conductor.auth.test;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite-wide scan finds what it looks for: a scan that cannot fail proves nothing.
 */
class LeakScanExtensionTests {

	@Test
	void findsTheSecretInALine() {
		List<String> lines = List.of("harmless", "body was {\"keySecret\":\"" + TestTokens.KEY_SECRET + "\"}");
		assertThat(LeakScanExtension.findLeaks(lines, LeakScanExtension.secrets())).containsExactly(lines.get(1));
	}

	@Test
	void findsAWholeTokenAndATruncatedOne() {
		String token = TestTokens.jwt(Instant.now());
		String truncated = token.substring(0, token.lastIndexOf('.'));
		List<String> lines = List.of("X-Authorization: " + token, "token starts " + truncated, "nothing here");
		assertThat(LeakScanExtension.findLeaks(lines, LeakScanExtension.secrets())).hasSize(2);
	}

	@Test
	void findsAnOpaqueToken() {
		String token = TestTokens.opaque();
		assertThat(LeakScanExtension.findLeaks(List.of("minted " + token), LeakScanExtension.secrets())).hasSize(1);
	}

	@Test
	void capturesWhatTheCodeLogsAtDebug() {
		String marker = "debug-marker-" + System.nanoTime();
		org.apache.commons.logging.LogFactory.getLog("dev.conductor.auth.token.Probe").debug(marker);
		assertThat(CapturingAppender.lines()).anyMatch((line) -> line.contains(marker));
	}

}
