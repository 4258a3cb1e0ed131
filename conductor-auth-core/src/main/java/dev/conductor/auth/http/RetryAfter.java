package dev.conductor.auth.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code Retry-After} header: seconds, or an HTTP date. Saturates at
 * {@link #MAX}: the token manager caps the wait at its longest back-off anyway, and a
 * number of any size must not overflow on the way there.
 *
 * <pre class="code">
 * Duration wait = RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), clock);
 * </pre>
 */
public final class RetryAfter {

	/**
	 * The longest wait read from a header.
	 */
	public static final Duration MAX = Duration.ofDays(1);

	private RetryAfter() {
	}

	/**
	 * Read a {@code Retry-After} value.
	 * @param value the header's value, if any
	 * @param clock the clock that an HTTP date is measured against
	 * @return the wait ({@link Duration#ZERO} for a date that has passed), or
	 * {@code null} when there is no value or it is neither seconds nor an HTTP date
	 */
	public static @Nullable Duration parse(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.chars().allMatch((ch) -> ch >= '0' && ch <= '9')) {
			return (trimmed.length() > 12) ? MAX : min(Duration.ofSeconds(Long.parseLong(trimmed)), MAX);
		}
		try {
			Duration until = Duration.between(clock.instant(),
					ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return until.isNegative() ? Duration.ZERO : min(until, MAX);
		}
		catch (DateTimeParseException | ArithmeticException notADate) {
			return null;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
