package dev.conductor.auth.benchmarks.fleet;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler that all our instances of one fleet share, instead of a thread each:
 * their attempts run on its few threads. Each manager only schedules one task at a time
 * and its attempts are short (the endpoint answers in about a millisecond), so sharing
 * changes nothing as long as no task starts late; it notes how late tasks started, for
 * the report to show.
 */
final class SharedScheduler extends ThreadPoolTaskScheduler {

	private final FleetClock clock;

	private final Lateness lateness;

	SharedScheduler(FleetClock clock, int threads, long lateNanos, String name) {
		this.clock = clock;
		this.lateness = new Lateness(lateNanos);
		setPoolSize(threads);
		setThreadNamePrefix("fleet-scheduler-" + name + "-");
		setDaemon(true);
		setRemoveOnCancelPolicy(true);
		setClock(clock);
		initialize();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		long due = this.clock.nanoTimeOf(startTime);
		return super.schedule(() -> {
			this.lateness.record(due, System.nanoTime());
			task.run();
		}, startTime);
	}

	/**
	 * How late tasks started after their time.
	 */
	Lateness lateness() {
		return this.lateness;
	}

}
