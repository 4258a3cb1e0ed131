package dev.conductor.auth.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import dev.conductor.auth.benchmarks.fleet.FleetScenario;
import dev.conductor.auth.benchmarks.fleet.FleetSettings;
import dev.conductor.auth.benchmarks.jmh.JmhSuite;
import dev.conductor.auth.benchmarks.outage.Outage;
import dev.conductor.auth.benchmarks.report.FleetChart;
import dev.conductor.auth.benchmarks.report.LatencyChart;
import dev.conductor.auth.benchmarks.report.Machine;
import dev.conductor.auth.benchmarks.report.ResultsReport;
import dev.conductor.auth.benchmarks.scenario.ExpiryStorm;
import dev.conductor.auth.benchmarks.scenario.RefreshStall;
import dev.conductor.auth.benchmarks.scenario.RejectionLoop;
import dev.conductor.auth.benchmarks.scenario.RejectionStorm;
import dev.conductor.auth.benchmarks.scenario.ScenarioRunner;
import dev.conductor.auth.benchmarks.scenario.Side;

/**
 * Runs every benchmark, ours and the official client's side by side, and writes
 * {@code RESULTS.md}, {@code latency-around-refresh.png} and
 * {@code fleet-token-calls.png}. {@code benchmarks/run} starts it after the build.
 *
 * <pre class="code">
 * java -cp … dev.conductor.auth.benchmarks.Benchmarks --out benchmarks --work benchmarks/target
 * </pre>
 */
public final class Benchmarks {

	private static final Duration OUTAGE = Duration.ofSeconds(120);

	private static final Duration SMOKE_OUTAGE = Duration.ofSeconds(5);

	private Benchmarks() {
	}

	/**
	 * Run everything.
	 * @param args {@code --out DIR} where the results go, {@code --work DIR} for JMH's
	 * own results and the outage logs, {@code --started EPOCH_SECONDS} when the command
	 * started (for the duration in the report), {@code --commit ID} the commit of
	 * conductor-auth that is measured, {@code --smoke} for a run that only checks that
	 * everything works, {@code --only rejection} or {@code --only outage} to run that
	 * scenario alone and print its figures, {@code --only fleet} to run the fleet alone
	 * and write its section to {@code FLEET.md}
	 * @throws Exception when a benchmark fails
	 */
	public static void main(String[] args) throws Exception {
		List<String> arguments = List.of(args);
		boolean smoke = arguments.contains("--smoke");
		Path out = Path.of(option(arguments, "--out", "."));
		Path work = Path.of(option(arguments, "--work", "target"));
		ZonedDateTime started = Instant
			.ofEpochSecond(
					Long.parseLong(option(arguments, "--started", Long.toString(Instant.now().getEpochSecond()))))
			.atZone(ZoneOffset.UTC);
		Files.createDirectories(out);
		Files.createDirectories(work);
		String only = option(arguments, "--only", "");
		if (only.equals("fleet")) {
			System.out.println("== Fleet only" + (smoke ? ", smoke run" : ""));
			FleetScenario.Results fleet = fleet(smoke);
			Path results = out.resolve("FLEET.md");
			Path chart = out.resolve(FleetChart.FILE_NAME);
			FleetChart.write(fleet, chart);
			ResultsReport.writeFleet(fleet, results);
			System.out.println(
					"Wrote " + results.toAbsolutePath().normalize() + " and " + chart.toAbsolutePath().normalize());
			System.exit(0);
		}
		if (only.equals("rejection")) {
			// the rejection loop alone, printed: for iterating on how callers wait
			ScenarioRunner runner = new ScenarioRunner(smoke);
			runner.warmUp();
			runner.rejectionLoop().forEach((side, result) -> System.out.println("  " + side + ": " + result));
			System.exit(0);
		}
		if (only.equals("outage")) {
			Duration outage = smoke ? SMOKE_OUTAGE : OUTAGE;
			Outage.run(outage, work).forEach((result) -> System.out.println("  " + result));
			System.exit(0);
		}
		if (!only.isEmpty()) {
			throw new IllegalArgumentException("--only knows fleet, rejection and outage, not " + only);
		}
		Machine atStart = Machine.now();
		System.out.println("== 1/4 Steady state (JMH)" + (smoke ? ", smoke run" : ""));
		Map<String, JmhSuite.Score> jmh = JmhSuite.run(smoke, work.resolve("jmh-result.json"));
		System.out.println("== 2/4 Scenarios, ours then theirs");
		ScenarioRunner runner = new ScenarioRunner(smoke);
		runner.warmUp();
		Map<Side, ExpiryStorm.Result> expiryStorm = runner.expiryStorm();
		Map<Side, RefreshStall.Result> refreshStall = runner.refreshStall();
		Map<Side, RejectionStorm.Result> rejectionStorm = runner.rejectionStorm();
		Map<Side, RejectionLoop.Result> rejectionLoop = runner.rejectionLoop();
		Duration outage = smoke ? SMOKE_OUTAGE : OUTAGE;
		System.out.println("== 3/4 Outage: token endpoint down " + outage.toSeconds()
				+ " s, four child JVMs at once (logs in " + work + ")");
		List<Outage.Result> outageResults = Outage.run(outage, work);
		outageResults.forEach((result) -> System.out.println("  " + result));
		System.out.println("== 4/4 Fleet: instances of each side through outages of the token endpoint");
		FleetScenario.Results fleet = fleet(smoke);
		Path results = out.resolve("RESULTS.md");
		Path chart = out.resolve("latency-around-refresh.png");
		Path fleetChart = out.resolve(FleetChart.FILE_NAME);
		LatencyChart.write(refreshStall, chart);
		FleetChart.write(fleet, fleetChart);
		new ResultsReport(started, option(arguments, "--commit", "unknown"), atStart, Machine.now(), smoke, jmh,
				expiryStorm, refreshStall, rejectionStorm, rejectionLoop, outageResults, outage, fleet)
			.write(results);
		System.out.println("Wrote " + results.toAbsolutePath().normalize() + ", " + chart.toAbsolutePath().normalize()
				+ " and " + fleetChart.toAbsolutePath().normalize());
		// the official client's OkHttp threads would keep the JVM alive for a minute
		System.exit(0);
	}

	private static FleetScenario.Results fleet(boolean smoke) {
		return FleetScenario.run(smoke ? FleetSettings.smoke() : FleetSettings.full());
	}

	private static String option(List<String> arguments, String name, String otherwise) {
		int index = arguments.indexOf(name);
		return (index >= 0 && index + 1 < arguments.size()) ? arguments.get(index + 1) : otherwise;
	}

}
