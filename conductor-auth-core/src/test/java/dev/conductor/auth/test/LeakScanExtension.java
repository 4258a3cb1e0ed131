package dev.conductor.auth.test;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs around every test class of the suite (registered through {@code META-INF/services}
 * with extension auto-detection on): after the class, every line logged during it, at
 * TRACE and above, is searched for the key secret and for every token the tests issued. A
 * hit fails the class and names the line.
 */
public final class LeakScanExtension implements BeforeAllCallback, AfterAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		CapturingAppender.drain();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		List<String> leaks = findLeaks(CapturingAppender.drain(), secrets());
		if (!leaks.isEmpty()) {
			throw new AssertionError("A secret or a token was logged during " + context.getDisplayName() + ":\n"
					+ String.join("\n---\n", leaks));
		}
	}

	/**
	 * The key secret and the identifying parts of every token issued so far.
	 */
	public static List<String> secrets() {
		List<String> secrets = new ArrayList<>(TestTokens.fingerprints());
		secrets.add(TestTokens.KEY_SECRET);
		return secrets;
	}

	/**
	 * Return the lines that contain any of the secrets.
	 */
	public static List<String> findLeaks(List<String> lines, List<String> secrets) {
		return lines.stream().filter((line) -> secrets.stream().anyMatch(line::contains)).toList();
	}

}
