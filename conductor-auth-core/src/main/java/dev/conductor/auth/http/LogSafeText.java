package dev.conductor.auth.http;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Makes text that a token endpoint sent safe for a log line or an exception message:
 * every secret masked, every character that could end a line or hide text replaced by a
 * space, and at most {@value #MAX_LENGTH} characters. That is more than the ASCII
 * controls: NEL (U+0085) and the Unicode line and paragraph separators (U+2028, U+2029)
 * end a line for many log readers, and format characters such as a bidi override reorder
 * what a reader sees.
 *
 * <pre class="code">
 * LogSafeText safe = new LogSafeText(List.of(keySecret));
 * String detail = safe.of(errorDescription);
 * </pre>
 */
public final class LogSafeText {

	/**
	 * The most characters kept of one text.
	 */
	public static final int MAX_LENGTH = 200;

	private static final Pattern UNSAFE_IN_A_LOG_LINE = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\p{Cf}]");

	private final List<String> secrets;

	/**
	 * Create a masker for the given secrets.
	 * @param secrets the values never to repeat; empty ones are ignored
	 */
	public LogSafeText(Collection<String> secrets) {
		this.secrets = secrets.stream().filter((secret) -> !secret.isEmpty()).toList();
	}

	/**
	 * Return {@code text} safe for a log line.
	 * @param text the text, if any
	 * @return the safe text, empty for none
	 */
	public String of(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String masked = text;
		for (String secret : this.secrets) {
			masked = masked.replace(secret, "******");
		}
		masked = UNSAFE_IN_A_LOG_LINE.matcher(masked).replaceAll(" ");
		return (masked.length() > MAX_LENGTH) ? masked.substring(0, MAX_LENGTH) + "…" : masked;
	}

	@Override
	public String toString() {
		// never the secrets
		return "LogSafeText[" + this.secrets.size() + " secrets]";
	}

}
