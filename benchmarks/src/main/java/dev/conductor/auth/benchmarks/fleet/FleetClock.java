package dev.conductor.auth.benchmarks.fleet;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of our instances and of the scheduler they share: it reads the wall clock
 * once and then advances with {@link System#nanoTime()}, like the manager's own default
 * clock, so that the scheduler and the managers agree to the nanosecond and the run's
 * {@code nanoTime} instants convert to it and back.
 */
final class FleetClock extends Clock {

	private final long originMillis = System.currentTimeMillis();

	private final long originNanos = System.nanoTime();

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The fleet's clock is in UTC");
	}

	@Override
	public long millis() {
		return this.originMillis + (System.nanoTime() - this.originNanos) / 1_000_000;
	}

	@Override
	public Instant instant() {
		long elapsed = System.nanoTime() - this.originNanos;
		return Instant.ofEpochMilli(this.originMillis).plusNanos(elapsed);
	}

	/**
	 * The {@link System#nanoTime()} of an instant of this clock.
	 * @param instant the instant
	 * @return the nanoTime
	 */
	long nanoTimeOf(Instant instant) {
		Instant origin = Instant.ofEpochMilli(this.originMillis);
		return this.originNanos + (instant.getEpochSecond() - origin.getEpochSecond()) * 1_000_000_000L
				+ (instant.getNano() - origin.getNano());
	}

}
