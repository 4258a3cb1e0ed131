package dev.conductor.auth.benchmarks.scenario;

import java.time.Duration;
import java.util.List;

/**
 * Refresh stall: the token endpoint takes 500 ms to answer while 8 threads call the API.
 * What happens to request latency in the second around the refresh? The records around it
 * are kept for the chart.
 */
public final class RefreshStall {

	/**
	 * How long the token endpoint takes.
	 */
	public static final Duration TOKEN_LATENCY = Duration.ofMillis(500);

	private static final int THREADS = 8;

	private static final Duration PACING = Duration.ofMillis(25);

	private static final Duration WARM_UP = Duration.ofMillis(1500);

	private static final long WINDOW_BEFORE = Duration.ofMillis(250).toNanos();

	private static final long WINDOW_AFTER = Duration.ofMillis(750).toNanos();

	private static final long CHART_BEFORE = Duration.ofSeconds(2).toNanos();

	private static final long CHART_AFTER = Duration.ofSeconds(3).toNanos();

	private RefreshStall() {
	}

	/**
	 * Run the scenario for one side.
	 * @param side the client
	 * @param duration how long the load runs after the first token: the refresh and three
	 * seconds after it
	 * @return what happened
	 */
	public static Result run(Side side, Duration duration) {
		try (ConductorStub stub = ConductorStub.start(ScenarioSettings.TOKEN_LIFETIME)
			.tokenLatency(TOKEN_LATENCY)
			.apiLatency(ScenarioRunner.API_LATENCY)) {
			long origin = System.nanoTime();
			try (ScenarioClient client = side.start(stub)) {
				List<RequestRecord> records = new Load(client, origin).run(THREADS, PACING,
						origin + duration.toNanos());
				List<Long> calls = stub.tokenCallNanos();
				if (calls.size() < 2) {
					throw new IllegalStateException(side.title() + " did not refresh its token within " + duration);
				}
				long refresh = calls.get(1) - origin;
				List<RequestRecord> window = between(records, refresh - WINDOW_BEFORE, refresh + WINDOW_AFTER);
				List<RequestRecord> steady = records.stream()
					.filter((record) -> record.startNanos() >= WARM_UP.toNanos())
					.filter((record) -> record.startNanos() < refresh - CHART_BEFORE
							|| record.startNanos() > refresh + CHART_AFTER)
					.toList();
				List<RequestRecord> chart = between(records, refresh - CHART_BEFORE, refresh + CHART_AFTER).stream()
					.map((record) -> new RequestRecord(record.startNanos() - refresh, record.latencyNanos(),
							record.waitNanos(), record.status()))
					.toList();
				long failed = window.stream().filter((record) -> !record.succeeded()).count();
				return new Result(Percentiles.of(window, RequestRecord::latencyNanos),
						Percentiles.of(window, RequestRecord::waitNanos), failed,
						Percentiles.of(steady, RequestRecord::latencyNanos), chart);
			}
		}
	}

	private static List<RequestRecord> between(List<RequestRecord> records, long from, long to) {
		return records.stream().filter((record) -> record.startNanos() >= from && record.startNanos() <= to).toList();
	}

	/**
	 * What one side did.
	 *
	 * @param window the latency of requests that started in the second around the refresh
	 * (from 250 ms before the token call to 750 ms after it)
	 * @param windowWait the time those requests waited for their token
	 * @param windowFailed those that did not get a 200
	 * @param steady the latency of requests far from the refresh, for comparison
	 * @param chart the requests from 2 s before to 3 s after the token call, their start
	 * relative to it
	 */
	public record Result(Percentiles window, Percentiles windowWait, long windowFailed, Percentiles steady,
			List<RequestRecord> chart) {
	}

}
