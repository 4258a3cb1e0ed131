package dev.conductor.auth.benchmarks.fleet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls every instance of a fleet once per poll interval, each at its own phase (the
 * instant it started), from a few threads rather than a thread per instance: each thread
 * owns a share of the instances and wakes every tick to poll those whose time has come. A
 * poll that blocks (theirs, while it mints) holds up only the instances of its thread,
 * and only for as long as a token call takes.
 */
final class PollDriver implements AutoCloseable {

	private final long periodNanos;

	private final long tickNanos;

	private final List<Share> shares = new ArrayList<>();

	private final Lateness lateness;

	private volatile boolean stopped;

	private int next;

	/**
	 * Start the driver's threads.
	 * @param threads how many threads poll
	 * @param periodNanos the poll interval
	 * @param name a name for the threads
	 */
	PollDriver(int threads, long periodNanos, String name) {
		this.periodNanos = periodNanos;
		this.lateness = new Lateness(periodNanos);
		this.tickNanos = Math.min(2_000_000, Math.max(periodNanos / 8, 100_000));
		for (int i = 0; i < threads; i++) {
			Share share = new Share();
			this.shares.add(share);
			Thread.ofPlatform().daemon().name("fleet-poll-" + name + "-" + i).start(share::run);
		}
	}

	/**
	 * Poll {@code instance} from one poll interval after it started.
	 * @param instance the instance
	 */
	void add(FleetInstance instance) {
		this.shares.get(this.next++ % this.shares.size()).added.add(instance);
	}

	/**
	 * How late polls started after their time, late meaning by more than one poll
	 * interval.
	 */
	Lateness lateness() {
		return this.lateness;
	}

	@Override
	public void close() {
		this.stopped = true;
	}

	private final class Share {

		private final Queue<FleetInstance> added = new ConcurrentLinkedQueue<>();

		private final List<FleetInstance> instances = new ArrayList<>();

		private long[] due = new long[64];

		void run() {
			PollDriver driver = PollDriver.this;
			while (!driver.stopped) {
				for (FleetInstance instance = this.added.poll(); instance != null; instance = this.added.poll()) {
					if (this.instances.size() == this.due.length) {
						this.due = Arrays.copyOf(this.due, this.due.length * 2);
					}
					this.due[this.instances.size()] = instance.startedAt() + driver.periodNanos;
					this.instances.add(instance);
				}
				long now = System.nanoTime();
				for (int i = 0; i < this.instances.size(); i++) {
					if (this.due[i] <= now) {
						long start = System.nanoTime();
						driver.lateness.record(this.due[i], start);
						this.instances.get(i).poll(start);
						do {
							this.due[i] += driver.periodNanos;
						}
						while (this.due[i] <= start);
					}
				}
				LockSupport.parkNanos(driver.tickNanos);
			}
		}

	}

}
