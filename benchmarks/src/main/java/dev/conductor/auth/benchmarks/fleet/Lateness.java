package dev.conductor.auth.benchmarks.fleet;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How late the tasks of the run (polls, attempts) started after their time: a machine too
 * busy to keep the sped-up schedule shows here. Counts from a given instant on, so that
 * the start-up does not count.
 */
public final class Lateness {

	private final long thresholdNanos;

	private final AtomicLong maxNanos = new AtomicLong();

	private final LongAdder late = new LongAdder();

	private final LongAdder total = new LongAdder();

	private volatile long from = Long.MAX_VALUE;

	/**
	 * Count tasks later than {@code thresholdNanos}.
	 * @param thresholdNanos the threshold
	 */
	Lateness(long thresholdNanos) {
		this.thresholdNanos = thresholdNanos;
	}

	/**
	 * Count afresh, the tasks due from {@code nanoTime} on.
	 * @param nanoTime the instant
	 */
	void from(long nanoTime) {
		this.maxNanos.set(0);
		this.late.reset();
		this.total.reset();
		this.from = nanoTime;
	}

	/**
	 * A task due at {@code due} started at {@code started}.
	 * @param due when it was due
	 * @param started when it started
	 */
	void record(long due, long started) {
		if (due >= this.from) {
			long lateness = started - due;
			this.maxNanos.accumulateAndGet(lateness, Math::max);
			if (lateness > this.thresholdNanos) {
				this.late.increment();
			}
			this.total.increment();
		}
	}

	/**
	 * What was counted so far.
	 * @return the counts
	 */
	Counts counts() {
		return new Counts(Duration.ofNanos(this.maxNanos.get()), this.late.sum(), this.total.sum());
	}

	/**
	 * How late tasks started, in the run's time.
	 *
	 * @param max the latest start after the due time
	 * @param late tasks that started later than the threshold
	 * @param total tasks counted
	 */
	public record Counts(Duration max, long late, long total) {
	}

}
