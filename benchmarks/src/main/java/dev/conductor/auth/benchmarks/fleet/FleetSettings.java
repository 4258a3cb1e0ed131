package dev.conductor.auth.benchmarks.fleet;

import java.time.Duration;
import java.util.List;

/**
 * The fleet's timing, in the application's time, and how much faster the run goes. Every
 * duration that shapes what an instance does (the token's life, both margins, the
 * back-off, the acquire timeout, the poll interval, the outage) is divided by the same
 * {@link #speedUp()}, so that the run keeps their proportions: a token of 45 minutes
 * lives 90 s at 30 times the speed, and a back-off of 2 s takes 67 ms. Figures are
 * reported in the application's time.
 *
 * @param speedUp how many times faster than an application the run goes
 * @param instances the instances of each side
 * @param tokenLifetime how long the stub's tokens live (whole seconds once sped up)
 * @param officialRefreshInterval the official client's refresh interval (whole seconds
 * once sped up): at the point of a token's life where ours refreshes, as in the other
 * scenarios
 * @param settle how long the fleet runs after the last instance started, before the
 * outage: the window that shows the steady state
 * @param outages the outages, one fleet of each side for each
 * @param stuckAfter how long after the endpoint's return an instance that neither exited
 * nor holds a token counts as stuck
 * @param recoveryWindow the first part of the recovery, whose calls per second are
 * reported
 * @param observeAfter how long the fleet keeps running after the endpoint's return
 */
public record FleetSettings(int speedUp, int instances, Duration tokenLifetime, Duration officialRefreshInterval,
		Duration settle, List<Duration> outages, Duration stuckAfter, Duration recoveryWindow, Duration observeAfter) {

	/**
	 * The starter's {@code refresh-before-expiry}.
	 */
	public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

	/**
	 * The starter's {@code clock-skew}.
	 */
	public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	/**
	 * The starter's {@code acquire-timeout}.
	 */
	public static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The starter's {@code retry.max-attempts}.
	 */
	public static final int MAX_ATTEMPTS = 5;

	/**
	 * The starter's {@code retry.initial-interval}.
	 */
	public static final Duration INITIAL_INTERVAL = Duration.ofSeconds(2);

	/**
	 * The starter's {@code retry.multiplier}.
	 */
	public static final double MULTIPLIER = 2.0;

	/**
	 * The starter's {@code retry.max-interval}.
	 */
	public static final Duration MAX_INTERVAL = Duration.ofSeconds(30);

	/**
	 * How often each instance asks for its token, as a worker polls.
	 */
	public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	/**
	 * How long after an observation, and the restarts, the next outage starts.
	 */
	public static final Duration BETWEEN_OUTAGES = Duration.ofMinutes(1);

	private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(45);

	private static final List<Duration> OUTAGES = List.of(Duration.ofSeconds(20), Duration.ofMinutes(2),
			Duration.ofMinutes(50));

	/**
	 * The settings of a full run: 500 instances of each side at 30 times the speed.
	 * @return the settings
	 */
	public static FleetSettings full() {
		return new FleetSettings(30, 500, TOKEN_LIFETIME, TOKEN_LIFETIME.minus(REFRESH_BEFORE_EXPIRY),
				Duration.ofMinutes(10), OUTAGES, Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2));
	}

	/**
	 * The settings of a smoke run: 50 instances of each side at 300 times the speed,
	 * about 25 s.
	 * @return the settings
	 */
	public static FleetSettings smoke() {
		return new FleetSettings(300, 50, TOKEN_LIFETIME, TOKEN_LIFETIME.minus(REFRESH_BEFORE_EXPIRY),
				Duration.ofMinutes(10), OUTAGES, Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2));
	}

	/**
	 * How often an instance refreshes its token in the steady state: the token's life
	 * less the refresh margin (theirs refreshes at the same point).
	 * @return the refresh period, in the application's time
	 */
	public Duration refreshPeriod() {
		return this.tokenLifetime.minus(REFRESH_BEFORE_EXPIRY);
	}

	/**
	 * The run's time for a duration of the application's.
	 * @param applicationTime the duration in the application's time
	 * @return the same duration in the run
	 */
	public Duration run(Duration applicationTime) {
		return Duration.ofNanos(applicationTime.toNanos() / this.speedUp);
	}

	/**
	 * The run's nanoseconds for a duration of the application's.
	 * @param applicationTime the duration in the application's time
	 * @return the same duration in the run, in nanoseconds
	 */
	public long runNanos(Duration applicationTime) {
		return applicationTime.toNanos() / this.speedUp;
	}

	/**
	 * The application's time for nanoseconds of the run.
	 * @param runNanos nanoseconds of the run
	 * @return the same duration in the application's time
	 */
	public Duration application(long runNanos) {
		return Duration.ofNanos(runNanos * this.speedUp);
	}

	/**
	 * One second of the application's time, in nanoseconds of the run: the width of the
	 * bins of token calls per second.
	 * @return the nanoseconds
	 */
	public long secondNanos() {
		return runNanos(Duration.ofSeconds(1));
	}

	/**
	 * How long a fleet runs: the starts over one refresh period, the steady state, then
	 * each outage with the observation after it and a minute before the next.
	 * @return the run's time
	 */
	public Duration runTime() {
		Duration total = refreshPeriod().plus(this.settle);
		for (Duration outage : this.outages) {
			total = total.plus(outage).plus(this.observeAfter).plus(BETWEEN_OUTAGES);
		}
		return run(total);
	}

}
