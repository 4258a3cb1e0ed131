package dev.conductor.auth.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import dev.conductor.auth.benchmarks.jmh.JmhSuite;
import dev.conductor.auth.benchmarks.outage.Outage;
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
 * {@code RESULTS.md} and {@code latency-around-refresh.png}. {@code benchmarks/run}
 * starts it after the build.
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
	 * everything works
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
		Machine atStart = Machine.now();
		System.out.println("== 1/3 Steady state (JMH)" + (smoke ? ", smoke run" : ""));
		Map<String, JmhSuite.Score> jmh = JmhSuite.run(smoke, work.resolve("jmh-result.json"));
		System.out.println("== 2/3 Scenarios, ours then theirs");
		ScenarioRunner runner = new ScenarioRunner(smoke);
		runner.warmUp();
		Map<Side, ExpiryStorm.Result> expiryStorm = runner.expiryStorm();
		Map<Side, RefreshStall.Result> refreshStall = runner.refreshStall();
		Map<Side, RejectionStorm.Result> rejectionStorm = runner.rejectionStorm();
		Map<Side, RejectionLoop.Result> rejectionLoop = runner.rejectionLoop();
		Duration outage = smoke ? SMOKE_OUTAGE : OUTAGE;
		System.out.println("== 3/3 Outage: token endpoint down " + outage.toSeconds()
				+ " s, four child JVMs at once (logs in " + work + ")");
		List<Outage.Result> outageResults = Outage.run(outage, work);
		outageResults.forEach((result) -> System.out.println("  " + result));
		Path results = out.resolve("RESULTS.md");
		Path chart = out.resolve("latency-around-refresh.png");
		LatencyChart.write(refreshStall, chart);
		new ResultsReport(started, option(arguments, "--commit", "unknown"), atStart, Machine.now(), smoke, jmh,
				expiryStorm, refreshStall, rejectionStorm, rejectionLoop, outageResults, outage)
			.write(results);
		System.out
			.println("Wrote " + results.toAbsolutePath().normalize() + " and " + chart.toAbsolutePath().normalize());
		// the official client's OkHttp threads would keep the JVM alive for a minute
		System.exit(0);
	}

	private static String option(List<String> arguments, String name, String otherwise) {
		int index = arguments.indexOf(name);
		return (index >= 0 && index + 1 < arguments.size()) ? arguments.get(index + 1) : otherwise;
	}

}
