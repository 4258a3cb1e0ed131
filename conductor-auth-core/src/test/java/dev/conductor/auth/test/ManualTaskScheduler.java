package dev.conductor.auth.test;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A {@link TaskScheduler} whose time is a {@link MutableClock}: a task runs, on the
 * scheduler's one worker thread like the real one, only once a test has moved the clock
 * to its time. Tests move time with {@link #advance(Duration)} or {@link #runNext()} and
 * never sleep.
 */
public final class ManualTaskScheduler implements TaskScheduler, AutoCloseable {

	private static final Duration BOUND = Duration.ofSeconds(20);

	private final MutableClock clock;

	private final PriorityQueue<Task> tasks = new PriorityQueue<>();

	private final AtomicLong sequence = new AtomicLong();

	private final Thread worker;

	private @Nullable Task running;

	private @Nullable Throwable failure;

	private volatile boolean closed;

	private volatile boolean held;

	public ManualTaskScheduler(MutableClock clock) {
		this.clock = clock;
		this.worker = new Thread(this::work, "manual-scheduler");
		this.worker.setDaemon(true);
		this.worker.start();
	}

	@Override
	public MutableClock getClock() {
		return this.clock;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		Task scheduled = new Task(task, startTime.toEpochMilli(), this.sequence.incrementAndGet());
		synchronized (this.tasks) {
			this.tasks.add(scheduled);
			this.tasks.notifyAll();
		}
		return scheduled;
	}

	/**
	 * Move the clock and wait until every task that became due has run.
	 */
	public void advance(Duration duration) {
		this.clock.advance(duration);
		awaitIdle();
	}

	/**
	 * Move the clock to the next task that is not cancelled, and wait until it and
	 * everything due with it has run.
	 * @return how far the clock moved
	 */
	public Duration runNext() {
		awaitIdle();
		long next;
		synchronized (this.tasks) {
			this.tasks.removeIf(FutureTask::isCancelled);
			Task first = this.tasks.peek();
			if (first == null) {
				throw new AssertionError("No task is scheduled");
			}
			next = first.time;
		}
		long moved = Math.max(0, next - this.clock.millis());
		advance(Duration.ofMillis(moved));
		return Duration.ofMillis(moved);
	}

	/**
	 * Return the delay from now to the next task that is not cancelled, or {@code null}.
	 */
	public @Nullable Duration nextDelay() {
		awaitIdle();
		synchronized (this.tasks) {
			this.tasks.removeIf(FutureTask::isCancelled);
			Task first = this.tasks.peek();
			return (first != null) ? Duration.ofMillis(first.time - this.clock.millis()) : null;
		}
	}

	/**
	 * Run nothing until {@link #release()}, however the clock moves: lets a test line up
	 * callers before the scheduler acts.
	 */
	public void hold() {
		this.held = true;
	}

	public void release() {
		synchronized (this.tasks) {
			this.held = false;
			this.tasks.notifyAll();
		}
	}

	/**
	 * Wait until no due task is queued or running.
	 * @throws AssertionError if a task threw: the code under test must never let an
	 * exception escape to its scheduler
	 */
	public void awaitIdle() {
		long deadline = System.nanoTime() + BOUND.toNanos();
		synchronized (this.tasks) {
			while (this.running != null || hasDueTask()) {
				if (this.failure != null) {
					throw new AssertionError("A scheduled task threw", this.failure);
				}
				if (System.nanoTime() > deadline) {
					throw new AssertionError("Scheduler still busy after " + BOUND);
				}
				waitOn(1);
			}
			if (this.failure != null) {
				throw new AssertionError("A scheduled task threw", this.failure);
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.worker.interrupt();
	}

	private void work() {
		while (!this.closed) {
			Task task;
			synchronized (this.tasks) {
				if (!hasDueTask()) {
					waitOn(5);
					continue;
				}
				task = this.tasks.poll();
				this.running = task;
			}
			try {
				task.run();
				if (!task.isCancelled()) {
					task.get();
				}
			}
			catch (ExecutionException ex) {
				this.failure = ex.getCause();
			}
			catch (InterruptedException ex) {
				return;
			}
			finally {
				synchronized (this.tasks) {
					this.running = null;
					this.tasks.notifyAll();
				}
			}
		}
	}

	private boolean hasDueTask() {
		if (this.held) {
			return false;
		}
		Task first = this.tasks.peek();
		return first != null && first.time <= this.clock.millis();
	}

	private void waitOn(long millis) {
		try {
			this.tasks.wait(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		throw new UnsupportedOperationException();
	}

	private final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {

		private final long time;

		private final long order;

		Task(Runnable runnable, long time, long order) {
			super(runnable, null);
			this.time = time;
			this.order = order;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.time - ManualTaskScheduler.this.clock.millis(), TimeUnit.MILLISECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			Task that = (Task) other;
			int byTime = Long.compare(this.time, that.time);
			return (byTime != 0) ? byTime : Long.compare(this.order, that.order);
		}

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.order);
		}

	}

}
