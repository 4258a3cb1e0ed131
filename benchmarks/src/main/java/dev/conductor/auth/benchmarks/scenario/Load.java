package dev.conductor.auth.benchmarks.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link ScenarioClient} from many threads and records every request. Each
 * thread starts a request at most every {@code pacing} (a closed loop: a slow request
 * delays that thread's next one), until the end.
 */
public final class Load {

	private final ScenarioClient client;

	private final long originNanos;

	/**
	 * Create a load for a client.
	 * @param client the client
	 * @param originNanos the {@link System#nanoTime()} that the records count from
	 */
	public Load(ScenarioClient client, long originNanos) {
		this.client = client;
		this.originNanos = originNanos;
	}

	/**
	 * Run {@code threads} threads until {@code endNanos}.
	 * @param threads the number of threads
	 * @param pacing the least time between two starts of a thread
	 * @param endNanos the {@link System#nanoTime()} after which no request starts
	 * @return every request, by start
	 */
	public List<RequestRecord> run(int threads, Duration pacing, long endNanos) {
		return run(threads, pacing, endNanos, () -> {
		});
	}

	/**
	 * Run {@code threads} threads until {@code endNanos}, then run {@code atEnd} on the
	 * calling thread, before the requests still in flight end.
	 * @param threads the number of threads
	 * @param pacing the least time between two starts of a thread
	 * @param endNanos the {@link System#nanoTime()} after which no request starts
	 * @param atEnd what to do at the end, such as counting the token calls so far
	 * @return every request, by start
	 */
	public List<RequestRecord> run(int threads, Duration pacing, long endNanos, Runnable atEnd) {
		List<List<RequestRecord>> perThread = new ArrayList<>();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			List<RequestRecord> records = new ArrayList<>();
			perThread.add(records);
			int taskIndex = i % 8;
			workers.add(Thread.ofPlatform().name("load-" + i).start(() -> {
				long next = System.nanoTime();
				while (next < endNanos) {
					records.add(request(taskIndex));
					next += pacing.toNanos();
					long now = System.nanoTime();
					if (next > now) {
						LockSupport.parkNanos(next - now);
					}
					else {
						next = now;
					}
				}
			}));
		}
		sleepUntil(endNanos);
		atEnd.run();
		return joined(workers, perThread);
	}

	/**
	 * Park the calling thread until {@code nanos}.
	 * @param nanos a {@link System#nanoTime()}
	 */
	public static void sleepUntil(long nanos) {
		long now;
		while ((now = System.nanoTime()) < nanos) {
			LockSupport.parkNanos(nanos - now);
		}
	}

	/**
	 * Start {@code threads} requests at the same moment, one per thread, and wait for
	 * them.
	 * @param threads the number of concurrent requests
	 * @return the requests, by start
	 */
	public List<RequestRecord> burst(int threads) {
		CyclicBarrier barrier = new CyclicBarrier(threads);
		List<List<RequestRecord>> perThread = new ArrayList<>();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			List<RequestRecord> records = new ArrayList<>();
			perThread.add(records);
			workers.add(Thread.ofPlatform().name("burst-" + i).start(() -> {
				try {
					barrier.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException | BrokenBarrierException | TimeoutException ex) {
					return;
				}
				records.add(request(0));
			}));
		}
		return joined(workers, perThread);
	}

	private RequestRecord request(int taskIndex) {
		TokenWait.reset();
		long start = System.nanoTime();
		int status = this.client.poll("benchmark_task_" + taskIndex);
		long end = System.nanoTime();
		return new RequestRecord(start - this.originNanos, end - start, TokenWait.nanos(end), status);
	}

	private static List<RequestRecord> joined(List<Thread> workers, List<List<RequestRecord>> perThread) {
		for (Thread worker : workers) {
			try {
				worker.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while the load ran", ex);
			}
		}
		List<RequestRecord> all = new ArrayList<>();
		perThread.forEach(all::addAll);
		all.sort(Comparator.comparingLong(RequestRecord::startNanos));
		return all;
	}

}
