package dev.conductor.auth.benchmarks.outage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import dev.conductor.auth.benchmarks.scenario.ConductorStub;
import dev.conductor.auth.benchmarks.scenario.Load;
import dev.conductor.auth.benchmarks.scenario.ScenarioSettings;

/**
 * What every child JVM of the outage scenario does around its client: it runs the stub,
 * takes the token endpoint down for the outage and brings it back, drives the client from
 * 8 threads (unless the client drives itself, like the official task runner), and reports
 * each event on standard output as it happens, as a line
 * {@code @bench event=NAME t=EPOCH_MILLIS} followed by the stub's counts, so that the
 * parent learns what happened even when the client ends the JVM.
 */
final class OutageTimeline {

	static final String PREFIX = "@bench ";

	private static final int THREADS = 8;

	private static final Duration PACING = Duration.ofMillis(100);

	private static final Duration BEFORE = Duration.ofSeconds(2);

	private final ConductorStub stub;

	private final Duration outage;

	private final Duration after;

	private final AtomicBoolean fatal = new AtomicBoolean();

	private final AtomicLong callerSucceeded = new AtomicLong();

	private final AtomicLong callerFailed = new AtomicLong();

	private final AtomicLong longestFailedPollMillis = new AtomicLong();

	private boolean recovered;

	private OutageTimeline(ConductorStub stub, Duration outage, Duration after) {
		this.stub = stub;
		this.outage = outage;
		this.after = after;
	}

	/**
	 * Start the stub and report every token call and the end of the JVM.
	 * @param args {@code OUTAGE AFTER} as ISO-8601 durations
	 */
	static OutageTimeline start(String[] args) {
		ConductorStub stub = ConductorStub.start(ScenarioSettings.TOKEN_LIFETIME)
			.tokenLatency(Duration.ofMillis(50))
			.apiLatency(Duration.ofMillis(10));
		OutageTimeline timeline = new OutageTimeline(stub, Duration.parse(args[0]), Duration.parse(args[1]));
		stub.onTokenCall((status) -> timeline.report("token-call status=" + status));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> timeline.report("jvm-exit"), "outage-report"));
		return timeline;
	}

	String baseUrl() {
		return this.stub.baseUri().toString();
	}

	/**
	 * The client reached its fatal state: report it once.
	 */
	void fatal() {
		if (this.fatal.compareAndSet(false, true)) {
			report("fatal");
		}
	}

	/**
	 * Run the timeline, driving the client from 8 threads when {@code poll} is given, and
	 * end the JVM with 0 if the client has not ended it before.
	 * @param poll a poll by task type that returns the status the caller got, 0 for an
	 * exception
	 */
	void run(@Nullable ToIntFunction<String> poll) {
		if (poll != null) {
			for (int i = 0; i < THREADS; i++) {
				String taskType = "benchmark_task_" + i;
				Thread.ofPlatform().daemon().name("caller-" + i).start(() -> call(poll, taskType));
			}
			// the first token is minted in the background: start the clock once it works
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (this.callerSucceeded.get() == 0 && System.nanoTime() < deadline) {
				sleep(PACING);
			}
		}
		report("ready");
		sleep(BEFORE);
		this.stub.tokenEndpointDown(true);
		report("outage-start");
		sleep(this.outage);
		this.stub.tokenEndpointDown(false);
		long acceptedBefore = this.stub.counts().apiAccepted();
		report("outage-end");
		// the first request that the API accepts again, whoever sent it
		long end = System.nanoTime() + this.after.toNanos();
		while (System.nanoTime() < end) {
			if (!this.recovered && this.stub.counts().apiAccepted() > acceptedBefore) {
				this.recovered = true;
				report("recovered");
			}
			sleep(Duration.ofMillis(20));
		}
		report("end");
		System.exit(0);
	}

	private void call(ToIntFunction<String> poll, String taskType) {
		while (true) {
			long start = System.nanoTime();
			int status = poll.applyAsInt(taskType);
			if (status == 200) {
				this.callerSucceeded.incrementAndGet();
			}
			else {
				this.callerFailed.incrementAndGet();
				long millis = (System.nanoTime() - start) / 1_000_000;
				this.longestFailedPollMillis.accumulateAndGet(millis, Math::max);
			}
			Load.sleepUntil(start + PACING.toNanos());
		}
	}

	synchronized void report(String event) {
		ConductorStub.Counts counts = this.stub.counts();
		System.out.println(PREFIX + "event=" + event + " t=" + System.currentTimeMillis() + " tokenCalls="
				+ counts.tokenCalls() + " apiRequests=" + counts.apiRequests() + " apiAccepted=" + counts.apiAccepted()
				+ " withoutValidToken=" + counts.withoutValidToken() + " callerSucceeded=" + this.callerSucceeded.get()
				+ " callerFailed=" + this.callerFailed.get() + " longestFailedPollMillis="
				+ this.longestFailedPollMillis.get());
		System.out.flush();
	}

	private static void sleep(Duration duration) {
		Load.sleepUntil(System.nanoTime() + duration.toNanos());
	}

}
