package dev.conductor.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * The token manager's default clock: it reads the wall clock once, when it is made, and
 * from then on advances with {@link System#nanoTime()}. A token's life and the manager's
 * schedule are measured on it, so that a wall clock that jumps (a virtual machine that
 * resumes, an administrator, a bad NTP step) neither ages a token at once nor keeps one
 * alive past its end.
 */
final class MonotonicClock extends Clock {

	private final long startMillis;

	private final long startNanos;

	private final LongSupplier nanoTime;

	MonotonicClock(Clock wallClock, LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		this.startNanos = nanoTime.getAsLong();
		this.startMillis = wallClock.millis();
	}

	/**
	 * A clock that starts at this machine's wall time and advances with the JVM's
	 * monotonic time source.
	 */
	static MonotonicClock system() {
		return new MonotonicClock(Clock.systemUTC(), System::nanoTime);
	}

	@Override
	public long millis() {
		return this.startMillis + (this.nanoTime.getAsLong() - this.startNanos) / 1_000_000;
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("A MonotonicClock is always UTC");
	}

}
