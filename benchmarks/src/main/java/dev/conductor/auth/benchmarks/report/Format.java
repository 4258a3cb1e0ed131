package dev.conductor.auth.benchmarks.report;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.conductor.auth.benchmarks.scenario.Percentiles;

/**
 * How numbers read in the report.
 */
final class Format {

	private Format() {
	}

	static String ms(double millis) {
		if (millis >= 100) {
			return String.format(Locale.ROOT, "%.0f", millis);
		}
		if (millis >= 1) {
			return String.format(Locale.ROOT, "%.1f", millis);
		}
		return String.format(Locale.ROOT, "%.2f", millis);
	}

	static String p50p99max(Percentiles percentiles) {
		return ms(percentiles.p50()) + " / " + ms(percentiles.p99()) + " / " + ms(percentiles.max());
	}

	static String nanos(double nanos, double error) {
		String value = (nanos >= 100) ? String.format(Locale.ROOT, "%,.0f", nanos)
				: String.format(Locale.ROOT, "%.1f", nanos);
		if (Double.isNaN(error)) {
			return value;
		}
		return value + " ± " + ((error >= 100) ? String.format(Locale.ROOT, "%,.0f", error)
				: String.format(Locale.ROOT, "%.1f", error));
	}

	static String bytes(double bytes) {
		if (Double.isNaN(bytes)) {
			return "?";
		}
		return String.format(Locale.ROOT, "%,.0f", (Math.abs(bytes) < 0.5) ? 0.0 : bytes);
	}

	static String signedNanos(double nanos) {
		return String.format(Locale.ROOT, "%+,.0f", nanos);
	}

	static String signedBytes(double bytes) {
		return String.format(Locale.ROOT, "%+,.0f", bytes);
	}

	static String seconds(@Nullable Duration duration) {
		if (duration == null) {
			return "—";
		}
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	/**
	 * A duration of whole seconds, in minutes when it is whole minutes: {@code 20 s},
	 * {@code 2 min}.
	 */
	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds >= 60 && seconds % 60 == 0) ? (seconds / 60) + " min" : seconds + " s";
	}

	static String count(long count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	static String minutes(Duration duration) {
		return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
	}

}
