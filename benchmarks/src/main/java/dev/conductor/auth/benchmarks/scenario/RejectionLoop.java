package dev.conductor.auth.benchmarks.scenario;

import java.time.Duration;
import java.util.List;

/**
 * Rejection loop: for 10 s the server rejects every token, even one minted a moment ago,
 * with 401 {@code EXPIRED_TOKEN} (as a server whose clock runs ahead of the token
 * issuer's would), while 8 threads keep calling. No client can succeed; the question is
 * how hard each one hits the token endpoint meanwhile. At the end the client is closed,
 * which releases the callers that still wait for a token.
 */
public final class RejectionLoop {

	private static final int THREADS = 8;

	private static final Duration PACING = Duration.ofMillis(50);

	private static final Duration TOKEN_LATENCY = Duration.ofMillis(50);

	private static final Duration WARM_UP = Duration.ofMillis(3000);

	private RejectionLoop() {
	}

	/**
	 * Run the scenario for one side.
	 * @param side the client
	 * @param duration how long the server rejects every token
	 * @return what happened
	 */
	public static Result run(Side side, Duration duration) {
		try (ConductorStub stub = ConductorStub.start(ScenarioSettings.TOKEN_LIFETIME)
			.tokenLatency(TOKEN_LATENCY)
			.apiLatency(ScenarioRunner.API_LATENCY)) {
			long origin = System.nanoTime();
			try (ScenarioClient client = side.start(stub)) {
				Load load = new Load(client, origin);
				load.run(THREADS, PACING, origin + WARM_UP.toNanos());
				ConductorStub.Counts before = stub.counts();
				stub.rejectEveryToken(true);
				long start = System.nanoTime();
				ConductorStub.Counts[] during = new ConductorStub.Counts[1];
				List<RequestRecord> records = load.run(THREADS, PACING, start + duration.toNanos(), () -> {
					during[0] = stub.counts().since(before);
					// release the callers that wait for a token, rather than wait for
					// them
					client.close();
				});
				long failed = records.stream().filter((record) -> !record.succeeded()).count();
				return new Result(duration, during[0].tokenCalls(), during[0].apiRequests(), records.size(), failed,
						Percentiles.of(records, RequestRecord::latencyNanos));
			}
		}
	}

	/**
	 * What one side did.
	 *
	 * @param duration how long the server rejected every token
	 * @param tokenCalls calls to the token endpoint while every token was rejected
	 * @param apiRequests requests that reached the API, replays included
	 * @param requests requests the callers made
	 * @param failed requests whose caller did not get a 200
	 * @param latency the whole requests
	 */
	public record Result(Duration duration, long tokenCalls, long apiRequests, long requests, long failed,
			Percentiles latency) {
	}

}
