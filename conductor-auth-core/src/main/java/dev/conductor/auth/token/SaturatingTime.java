package dev.conductor.auth.token;

import java.time.Duration;

/**
 * Millisecond arithmetic that saturates instead of overflowing: durations and instants
 * that come from outside (a {@code Retry-After}, a JWT claim, a property) can be as large
 * as their type allows, and an {@link ArithmeticException} in the middle of an attempt
 * must never be what stops the manager.
 */
final class SaturatingTime {

	private SaturatingTime() {
	}

	/**
	 * Return the duration in milliseconds, {@link Long#MAX_VALUE} (or
	 * {@link Long#MIN_VALUE}) when it does not fit.
	 */
	static long millis(Duration duration) {
		try {
			return duration.toMillis();
		}
		catch (ArithmeticException ex) {
			return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

	/**
	 * Return the duration in nanoseconds, saturated like {@link #millis(Duration)}.
	 */
	static long nanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

	/**
	 * Return {@code a + b}, saturated at the bounds of {@code long}.
	 */
	static long plus(long a, long b) {
		long sum = a + b;
		// overflow only when both have the same sign and the sum has the other
		if (((a ^ sum) & (b ^ sum)) < 0) {
			return (a < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return sum;
	}

}
