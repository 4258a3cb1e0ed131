package dev.conductor.auth.token;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The manager's own thread: where attempts run, events are published and the fatal state
 * is entered, never on a caller's thread. Uses the given scheduler, or one daemon thread
 * of its own on the manager's clock, which it shuts down on {@link #close()}.
 */
final class RefreshScheduler {

	private final Clock clock;

	private final TaskScheduler scheduler;

	private final @Nullable ThreadPoolTaskScheduler ownedScheduler;

	private volatile @Nullable Thread worker;

	private volatile boolean closed;

	RefreshScheduler(@Nullable TaskScheduler scheduler, Clock clock) {
		this.clock = clock;
		this.ownedScheduler = (scheduler != null) ? null : ownScheduler(clock);
		this.scheduler = (scheduler != null) ? scheduler : this.ownedScheduler;
	}

	private static ThreadPoolTaskScheduler ownScheduler(Clock clock) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("conductor-auth-token-");
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setAwaitTerminationMillis(5000);
		scheduler.setClock(clock);
		scheduler.initialize();
		return scheduler;
	}

	/**
	 * Run {@code task} on the manager's thread after {@code delayMillis}.
	 * @return the scheduled task, or {@code null} once closed
	 * @throws TaskRejectedException when the scheduler refuses the task
	 */
	@Nullable ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		Runnable onWorker = () -> {
			this.worker = Thread.currentThread();
			task.run();
		};
		try {
			return this.scheduler.schedule(onWorker, this.clock.instant().plusMillis(Math.max(0, delayMillis)));
		}
		catch (TaskRejectedException ex) {
			if (this.closed) {
				return null;
			}
			throw ex;
		}
	}

	/**
	 * Stop the manager's own thread, without waiting for it when called from it.
	 */
	void close() {
		this.closed = true;
		if (this.ownedScheduler != null) {
			if (Thread.currentThread() == this.worker) {
				this.ownedScheduler.setAwaitTerminationMillis(0);
			}
			this.ownedScheduler.shutdown();
		}
	}

	static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

}
