package dev.conductor.auth.client;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Finds the {@code error} of a {@code Bearer} challenge (RFC 6750, section 3) in the
 * {@code WWW-Authenticate} header lines of a response, read as RFC 9110 (section 11.6.1)
 * defines them: each line a list of challenges, each challenge a scheme followed by
 * either a token68 or a list of {@code name=value} auth-params, a value a token or a
 * quoted-string. Neither Spring Framework nor the JDK parses challenges.
 *
 * <p>
 * What it looks at is bounded: at most a number of characters of all lines together, in
 * one pass with no backtracking. Whatever it cannot read (junk, a quoted-string without
 * its end, a value cut by the bound) is no {@code error}.
 */
final class BearerChallenges {

	private static final String BEARER = "Bearer";

	private static final String ERROR = "error";

	private BearerChallenges() {
	}

	/**
	 * Return the first {@code error} of a {@code Bearer} challenge that is one of
	 * {@code errors}.
	 * @param lines the header lines, if any
	 * @param errors the values looked for (case-sensitive, as RFC 6750 spells them)
	 * @param maxChars the most characters looked at, all lines together
	 * @return the value found, or {@code null}
	 */
	static @Nullable String error(@Nullable List<String> lines, Set<String> errors, int maxChars) {
		if (lines == null) {
			return null;
		}
		int budget = maxChars;
		for (String line : lines) {
			if (budget <= 0) {
				return null;
			}
			int end = (line != null) ? Math.min(line.length(), budget) : 0;
			String error = (line != null) ? error(line, end, errors) : null;
			if (error != null) {
				return error;
			}
			// an empty line costs too, so that a million of them end the search
			budget -= Math.max(1, end);
		}
		return null;
	}

	/**
	 * The {@code error} of a {@code Bearer} challenge in the first {@code end} characters
	 * of one header line.
	 */
	private static @Nullable String error(String line, int end, Set<String> errors) {
		boolean bearer = false;
		boolean errorSeen = false;
		int i = 0;
		while (i < end) {
			char c = line.charAt(i);
			if (c == ',' || isWhitespace(c)) {
				i++;
				continue;
			}
			int nameEnd = tokenEnd(line, i, end);
			if (nameEnd == i) {
				i = itemEnd(line, i, end);
				continue;
			}
			int next = skipWhitespace(line, nameEnd, end);
			if (next < end && line.charAt(next) == '=') {
				// an auth-param of the current challenge: only the first error of a
				// Bearer challenge counts
				boolean wanted = bearer && !errorSeen && nameEnd - i == ERROR.length()
						&& line.regionMatches(true, i, ERROR, 0, ERROR.length());
				errorSeen |= wanted;
				int valueStart = skipWhitespace(line, next + 1, end);
				int valueEnd;
				String value;
				if (valueStart < end && line.charAt(valueStart) == '"') {
					int close = closingQuote(line, valueStart + 1, end);
					if (close < 0) {
						// the rest of the line lies inside it
						return null;
					}
					value = wanted ? unquoted(line, valueStart + 1, close) : null;
					valueEnd = close + 1;
				}
				else {
					valueEnd = tokenEnd(line, valueStart, end);
					boolean cut = valueEnd == end && end < line.length();
					value = (wanted && !cut) ? line.substring(valueStart, valueEnd) : null;
				}
				if (value != null && errors.contains(value)) {
					return value;
				}
				i = itemEnd(line, valueEnd, end);
				continue;
			}
			// a new challenge: its scheme, then a token68 or its auth-params
			bearer = nameEnd - i == BEARER.length() && line.regionMatches(true, i, BEARER, 0, BEARER.length());
			errorSeen = false;
			i = next;
			if (next > nameEnd) {
				int afterToken68 = afterToken68(line, next, end);
				if (afterToken68 > next) {
					// credentials, not auth-params: nothing else belongs to this
					// challenge
					bearer = false;
					i = afterToken68;
				}
			}
		}
		return null;
	}

	/**
	 * Where a token68 that starts at {@code from} ends, with the whitespace after it, if
	 * it is one (it ends the list item); {@code from} otherwise.
	 */
	private static int afterToken68(String line, int from, int end) {
		int i = from;
		while (i < end && isToken68Char(line.charAt(i))) {
			i++;
		}
		if (i == from) {
			return from;
		}
		while (i < end && line.charAt(i) == '=') {
			i++;
		}
		int after = skipWhitespace(line, i, end);
		return (after == end || line.charAt(after) == ',') ? after : from;
	}

	/**
	 * Where the list item at {@code from} ends: at the next comma outside a
	 * quoted-string, or at {@code end}.
	 */
	private static int itemEnd(String line, int from, int end) {
		int i = from;
		while (i < end) {
			char c = line.charAt(i);
			if (c == ',') {
				return i;
			}
			if (c == '"') {
				int close = closingQuote(line, i + 1, end);
				if (close < 0) {
					return end;
				}
				i = close;
			}
			i++;
		}
		return end;
	}

	/**
	 * The index of the quote that ends a quoted-string whose text starts at {@code from},
	 * or -1.
	 */
	private static int closingQuote(String line, int from, int end) {
		for (int i = from; i < end; i++) {
			char c = line.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '"') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The text of a quoted-string, its quoted-pairs undone.
	 */
	private static String unquoted(String line, int from, int to) {
		@Nullable StringBuilder text = null;
		for (int i = from; i < to; i++) {
			char c = line.charAt(i);
			if (c == '\\') {
				if (text == null) {
					text = new StringBuilder(to - from).append(line, from, i);
				}
				c = line.charAt(++i);
			}
			if (text != null) {
				text.append(c);
			}
		}
		return (text != null) ? text.toString() : line.substring(from, to);
	}

	private static int tokenEnd(String line, int from, int end) {
		int i = from;
		while (i < end && isTokenChar(line.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int skipWhitespace(String line, int from, int end) {
		int i = from;
		while (i < end && isWhitespace(line.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

	/**
	 * A {@code tchar} of RFC 9110.
	 */
	private static boolean isTokenChar(char c) {
		return isAlphaOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

	private static boolean isToken68Char(char c) {
		return isAlphaOrDigit(c) || "-._~+/".indexOf(c) >= 0;
	}

	private static boolean isAlphaOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

}
