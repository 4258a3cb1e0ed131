package dev.conductor.auth.benchmarks.scenario;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the in-process scenarios, each for both sides, one side after the other, against a
 * new stub each time.
 */
public final class ScenarioRunner {

	/**
	 * How long the API takes to answer, in every scenario.
	 */
	public static final Duration API_LATENCY = Duration.ofMillis(10);

	private final boolean smoke;

	/**
	 * Create a runner.
	 * @param smoke whether to run each scenario as briefly as it can still run, to check
	 * that it works rather than to measure
	 */
	public ScenarioRunner(boolean smoke) {
		this.smoke = smoke;
	}

	/**
	 * Warm up the JVM that runs the scenarios (WireMock, OkHttp, both clients), so that
	 * the side that runs first is not the one that pays for the JIT compiler.
	 */
	public void warmUp() {
		Duration duration = this.smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(4);
		bothSides("warm-up", (side) -> {
			try (ConductorStub stub = ConductorStub.start(ScenarioSettings.TOKEN_LIFETIME).apiLatency(API_LATENCY);
					ScenarioClient client = side.start(stub)) {
				long origin = System.nanoTime();
				Load load = new Load(client, origin);
				load.burst(64);
				return load.run(16, Duration.ofMillis(20), origin + duration.toNanos()).size() + " requests";
			}
		});
	}

	/**
	 * Run the expiry storm.
	 * @return the results by side
	 */
	public Map<Side, ExpiryStorm.Result> expiryStorm() {
		Duration duration = this.smoke ? Duration.ofSeconds(7) : Duration.ofSeconds(15);
		return bothSides("expiry storm", (side) -> ExpiryStorm.run(side, duration));
	}

	/**
	 * Run the refresh stall.
	 * @return the results by side
	 */
	public Map<Side, RefreshStall.Result> refreshStall() {
		return bothSides("refresh stall", (side) -> RefreshStall.run(side, Duration.ofMillis(10_500)));
	}

	/**
	 * Run the rejection storm.
	 * @return the results by side
	 */
	public Map<Side, RejectionStorm.Result> rejectionStorm() {
		int rounds = this.smoke ? 1 : 3;
		return bothSides("rejection storm", (side) -> RejectionStorm.run(side, rounds));
	}

	/**
	 * Run the rejection loop.
	 * @return the results by side
	 */
	public Map<Side, RejectionLoop.Result> rejectionLoop() {
		Duration duration = this.smoke ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
		return bothSides("rejection loop", (side) -> RejectionLoop.run(side, duration));
	}

	private static <R> Map<Side, R> bothSides(String scenario, Function<Side, R> run) {
		Map<Side, R> results = new EnumMap<>(Side.class);
		for (Side side : Side.values()) {
			long start = System.nanoTime();
			System.out.printf("  %-16s %-24s ", scenario, side.title());
			System.out.flush();
			R result = run.apply(side);
			results.put(side, result);
			System.out.printf("%5.1f s%n", (System.nanoTime() - start) / 1e9);
		}
		return results;
	}

	/**
	 * Run the scenarios named in the arguments, or all, and print their results.
	 * @param args scenario names: {@code expiry}, {@code stall}, {@code storm},
	 * {@code loop}; {@code --smoke} for short runs
	 */
	public static void main(String[] args) {
		List<String> names = List.of(args);
		ScenarioRunner runner = new ScenarioRunner(names.contains("--smoke"));
		boolean all = names.stream().allMatch((name) -> name.startsWith("--"));
		runner.warmUp();
		if (all || names.contains("expiry")) {
			runner.expiryStorm();
		}
		if (all || names.contains("stall")) {
			runner.refreshStall();
		}
		if (all || names.contains("storm")) {
			runner.rejectionStorm();
		}
		if (all || names.contains("loop")) {
			runner.rejectionLoop();
		}
	}

}
