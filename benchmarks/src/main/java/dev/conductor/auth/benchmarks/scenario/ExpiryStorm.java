package dev.conductor.auth.benchmarks.scenario;

import java.time.Duration;
import java.util.List;

/**
 * Expiry storm: 64 threads call the API while their token reaches the end of its life,
 * twice. How many calls reach the token endpoint, and how long do requests wait for their
 * token? The official client's token cache expires and every caller waits for the one
 * that loads the new token; ours is replaced in the background while callers keep the
 * current one.
 */
public final class ExpiryStorm {

	private static final int THREADS = 64;

	private static final Duration PACING = Duration.ofMillis(200);

	private static final Duration TOKEN_LATENCY = Duration.ofMillis(200);

	private static final Duration WARM_UP = Duration.ofMillis(1500);

	private static final long WAITED_NANOS = Duration.ofMillis(50).toNanos();

	private ExpiryStorm() {
	}

	/**
	 * Run the scenario for one side.
	 * @param side the client
	 * @param duration how long the load runs after the first token, at least two refresh
	 * intervals
	 * @return what happened
	 */
	public static Result run(Side side, Duration duration) {
		try (ConductorStub stub = ConductorStub.start(ScenarioSettings.TOKEN_LIFETIME)
			.tokenLatency(TOKEN_LATENCY)
			.apiLatency(ScenarioRunner.API_LATENCY)) {
			long origin = System.nanoTime();
			try (ScenarioClient client = side.start(stub)) {
				ConductorStub.Counts before = stub.counts();
				List<RequestRecord> records = new Load(client, origin).run(THREADS, PACING,
						origin + duration.toNanos());
				ConductorStub.Counts during = stub.counts().since(before);
				List<RequestRecord> measured = records.stream()
					.filter((record) -> record.startNanos() >= WARM_UP.toNanos())
					.toList();
				long waited = measured.stream().filter((record) -> record.waitNanos() >= WAITED_NANOS).count();
				long failed = measured.stream().filter((record) -> !record.succeeded()).count();
				return new Result(duration, during.tokenCalls(), measured.size(), failed, waited,
						Percentiles.of(measured, RequestRecord::waitNanos),
						Percentiles.of(measured, RequestRecord::latencyNanos));
			}
		}
	}

	/**
	 * What one side did.
	 *
	 * @param duration how long the load ran
	 * @param tokenCalls calls to the token endpoint during the load (the first token
	 * excluded)
	 * @param requests requests measured
	 * @param failed requests that did not get a 200
	 * @param waited requests that waited 50 ms or more for their token
	 * @param tokenWait the time requests waited for their token
	 * @param latency the whole requests
	 */
	public record Result(Duration duration, long tokenCalls, long requests, long failed, long waited,
			Percentiles tokenWait, Percentiles latency) {
	}

}
