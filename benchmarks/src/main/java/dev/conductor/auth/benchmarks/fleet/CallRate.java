package dev.conductor.auth.benchmarks.fleet;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Token calls in a window of whole seconds (the application's): how many, the mean per
 * second, and the most in one second.
 *
 * @param calls the calls in the window
 * @param seconds the window's length in seconds
 * @param meanPerSecond the calls per second on average
 * @param peakPerSecond the most calls in one second of the window
 */
public record CallRate(long calls, int seconds, double meanPerSecond, int peakPerSecond) {

	/**
	 * The rate in bins {@code [from, to)} of calls per second.
	 * @param perSecond calls in each second
	 * @param from the first second of the window
	 * @param to the second after the window
	 * @return the rate
	 */
	public static CallRate of(int[] perSecond, int from, int to) {
		long calls = 0;
		int peak = 0;
		for (int i = Math.max(0, from); i < Math.min(to, perSecond.length); i++) {
			calls += perSecond[i];
			peak = Math.max(peak, perSecond[i]);
		}
		int seconds = Math.max(1, to - from);
		return new CallRate(calls, seconds, (double) calls / seconds, peak);
	}

	/**
	 * The calls of each second, from {@code origin} on.
	 * @param callNanos the instants of the calls, {@link System#nanoTime()}
	 * @param origin the start of the first second
	 * @param secondNanos the length of a second of the application's time in the run
	 * @param seconds how many seconds
	 * @return the calls of each second
	 */
	static int[] perSecond(long[] callNanos, long origin, long secondNanos, int seconds) {
		int[] bins = new int[seconds];
		for (long call : callNanos) {
			long offset = call - origin;
			if (offset >= 0) {
				long bin = offset / secondNanos;
				if (bin < seconds) {
					bins[(int) bin]++;
				}
			}
		}
		return bins;
	}

	/**
	 * The peak over the mean.
	 * @return the ratio, 0 without calls
	 */
	public double peakToMean() {
		return (this.calls == 0) ? 0 : this.peakPerSecond / this.meanPerSecond;
	}

	/**
	 * The peak over the mean that the same calls would show if each came at a moment
	 * drawn at random, uniformly over the window: what chance alone gives, the median of
	 * 1001 draws.
	 * @return the ratio, 0 without calls
	 */
	public double randomPeakToMean() {
		if (this.calls == 0) {
			return 0;
		}
		SplittableRandom random = new SplittableRandom(this.calls * 31 + this.seconds);
		double[] ratios = new double[1001];
		int[] bins = new int[this.seconds];
		for (int draw = 0; draw < ratios.length; draw++) {
			Arrays.fill(bins, 0);
			int peak = 0;
			for (long call = 0; call < this.calls; call++) {
				peak = Math.max(peak, ++bins[random.nextInt(this.seconds)]);
			}
			ratios[draw] = peak / this.meanPerSecond;
		}
		Arrays.sort(ratios);
		return ratios[ratios.length / 2];
	}

}
