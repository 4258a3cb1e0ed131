package dev.conductor.auth.benchmarks.scenario;

import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The median, 99th percentile and maximum of some durations (nearest rank), in
 * milliseconds.
 *
 * @param count how many values
 * @param p50 the median
 * @param p99 the 99th percentile
 * @param max the maximum
 */
public record Percentiles(int count, double p50, double p99, double max) {

	/**
	 * Summarise a field of some records.
	 * @param <T> the record type
	 * @param records the records
	 * @param nanos the field, in nanoseconds
	 * @return the summary, all zero without records
	 */
	public static <T> Percentiles of(Iterable<T> records, ToLongFunction<T> nanos) {
		long[] values = new long[16];
		int count = 0;
		for (T record : records) {
			if (count == values.length) {
				values = Arrays.copyOf(values, count * 2);
			}
			values[count++] = nanos.applyAsLong(record);
		}
		if (count == 0) {
			return new Percentiles(0, 0, 0, 0);
		}
		long[] sorted = Arrays.copyOf(values, count);
		Arrays.sort(sorted);
		return new Percentiles(count, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
				millis(sorted[count - 1]));
	}

	private static long rank(long[] sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

}
