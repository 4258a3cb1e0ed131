package dev.conductor.auth.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.netflix.conductor.client.http.ConductorClient;
import okhttp3.OkHttpClient;

import org.springframework.boot.SpringApplication;
import org.springframework.web.client.RestClient;

import dev.conductor.auth.benchmarks.fleet.FleetScenario;
import dev.conductor.auth.benchmarks.jmh.JmhSuite.Score;
import dev.conductor.auth.benchmarks.outage.Outage;
import dev.conductor.auth.benchmarks.scenario.ExpiryStorm;
import dev.conductor.auth.benchmarks.scenario.RefreshStall;
import dev.conductor.auth.benchmarks.scenario.RejectionLoop;
import dev.conductor.auth.benchmarks.scenario.RejectionStorm;
import dev.conductor.auth.benchmarks.scenario.ScenarioSettings;
import dev.conductor.auth.benchmarks.scenario.Side;
import dev.conductor.auth.token.ConductorTokenManager;

/**
 * Writes {@code RESULTS.md}: the machine, a summary, every row where ours falls short and
 * why, then a section per benchmark with ours and theirs in adjacent columns.
 *
 * @param started when the run started, build included
 * @param commit the commit of conductor-auth that was measured
 * @param machineAtStart the machine when the run started
 * @param machineAtEnd the machine when the run ended
 * @param smoke whether this was a smoke run, whose figures mean nothing
 * @param jmh the steady-state benchmarks
 * @param expiryStorm the expiry storm
 * @param refreshStall the refresh stall
 * @param rejectionStorm the rejection storm
 * @param rejectionLoop the rejection loop
 * @param outage the outage's four children
 * @param outageDuration how long the token endpoint was down
 * @param fleet the fleet through its outages
 */
public record ResultsReport(ZonedDateTime started, String commit, Machine machineAtStart, Machine machineAtEnd,
		boolean smoke, Map<String, Score> jmh, Map<Side, ExpiryStorm.Result> expiryStorm,
		Map<Side, RefreshStall.Result> refreshStall, Map<Side, RejectionStorm.Result> rejectionStorm,
		Map<Side, RejectionLoop.Result> rejectionLoop, List<Outage.Result> outage, Duration outageDuration,
		FleetScenario.Results fleet) {

	/**
	 * The fleet's section alone, for a run of the fleet only: its summary, then its body.
	 * @param fleet the fleet through its outages
	 * @param file the file to write
	 */
	public static void writeFleet(FleetScenario.Results fleet, Path file) {
		Section section = FleetSection.render(fleet, new Shortfalls());
		write(file, "# The fleet scenario alone\n\n" + section.summary() + "\n" + section.body());
	}

	/**
	 * Write the report.
	 * @param file the file, {@code RESULTS.md}
	 */
	public void write(Path file) {
		Shortfalls shortfalls = new Shortfalls();
		List<Section> sections = List.of(JmhSection.render(this.jmh, shortfalls),
				ScenarioSection.expiryStorm(this.expiryStorm, shortfalls),
				ScenarioSection.refreshStall(this.refreshStall, shortfalls),
				RejectionSection.storm(this.rejectionStorm, shortfalls),
				RejectionSection.loop(this.rejectionLoop, shortfalls),
				OutageSection.render(this.outage, this.outageDuration, shortfalls),
				FleetSection.render(this.fleet, shortfalls));
		StringBuilder out = new StringBuilder();
		header(out);
		out.append("## Summary\n\n");
		sections.forEach((section) -> out.append(section.summary()));
		out.append("- **Where ours falls short**: ")
			.append((shortfalls.count() == 0) ? "on no row of this run."
					: shortfalls.count() + " rows, listed in the next section with the reason for each.")
			.append("\n\n");
		out.append("## Where ours falls short\n\n");
		out.append("Every row of this run on which our figure is worse than the official client's. Counts are ")
			.append("compared exactly; JMH times beyond 10 % plus both confidence intervals, bytes beyond 10 % + ")
			.append("32 B; the fleet's token calls per second beyond 25 % + 0.05; ")
			.append(ScenarioSection.Latency.TOLERANCE)
			.append(". Rows without a better direction (the time to the fatal state, how many requests callers ")
			.append("made) are shown but not compared.\n\n");
		if (shortfalls.entries().isEmpty()) {
			out.append("None on this run.\n\n");
		}
		else {
			shortfalls.entries().forEach((entry) -> out.append("- ").append(entry).append('\n'));
			out.append('\n');
		}
		out.append(sections.get(0).body());
		out.append("## 2. Scenarios\n\n");
		out.append(scenarioSetup());
		// the scenarios, then the fleet, which has a part of its own
		sections.subList(1, sections.size()).forEach((section) -> out.append(section.body()));
		write(file, out);
	}

	private static void write(Path file, CharSequence markdown) {
		try {
			Files.writeString(file, markdown, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void header(StringBuilder out) {
		Duration took = Duration.between(this.started, ZonedDateTime.now(ZoneOffset.UTC));
		out.append("# conductor-auth benchmarks\n\n");
		if (this.smoke) {
			out.append("> **A smoke run**: every benchmark ran as briefly as it can; the figures below only show ")
				.append("that the benchmarks work. Run `benchmarks/run` for figures.\n\n");
		}
		out.append("Written by `benchmarks/run` on ")
			.append(this.started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)))
			.append(", which took ")
			.append(Format.minutes(took))
			.append(" (build included). Do not edit it: run the command again. Ours is conductor-auth; theirs is ")
			.append("the official Conductor Java client `org.conductoross:conductor-client:")
			.append(Versions.of(ConductorClient.class))
			.append("` (`OrkesAuthentication` + `TokenRefreshInterceptor`), both measured in the same run on the ")
			.append("same machine.\n\n");
		MarkdownTable machine = new MarkdownTable("machine", "");
		machine.row("CPU", this.machineAtStart.cpu() + ", " + this.machineAtStart.cores() + " cores available");
		machine.row("memory", this.machineAtStart.memoryGib() + " GiB");
		machine.row("OS", this.machineAtStart.os());
		machine.row("JDK", this.machineAtStart.jdk());
		machine.row("load average (1 min)",
				String.format(Locale.ROOT, "%.2f at the start, %.2f at the end: other work shared the machine",
						this.machineAtStart.loadAverage(), this.machineAtEnd.loadAverage()));
		machine.row("ours",
				"conductor-auth " + Versions.of(ConductorTokenManager.class) + " at commit " + this.commit
						+ ", on Spring Framework " + Versions.of(RestClient.class) + ", Spring Boot "
						+ Versions.of(SpringApplication.class));
		machine.row("theirs",
				"conductor-client " + Versions.of(ConductorClient.class) + " with OkHttp "
						+ Versions.of(OkHttpClient.class) + ", Guava " + Versions.of("com.google.common.cache.Cache")
						+ ", Jackson " + Versions.of("com.fasterxml.jackson.databind.ObjectMapper")
						+ " (the versions Spring Boot's dependency management picks, as in an application of ours)");
		out.append(machine.render()).append('\n');
	}

	private static String scenarioSetup() {
		return "Each scenario runs against a Conductor server played by WireMock on a loopback port (its own for "
				+ "each side): `POST /api/token` issues a new JWT on every call, living "
				+ ScenarioSettings.TOKEN_LIFETIME.toSeconds() + " s (its `exp`, rounded up to a whole second); the "
				+ "API answers in 10 ms, 200 `[]` to a valid token and 401 `EXPIRED_TOKEN` / `INVALID_TOKEN` "
				+ "otherwise. Timing is scaled from minutes to seconds: ours refreshes "
				+ ScenarioSettings.REFRESH_BEFORE_EXPIRY.toSeconds() + " s before `exp` (`refresh-before-expiry`) "
				+ "and stops sending a token " + ScenarioSettings.CLOCK_SKEW.toMillis() + " ms before it "
				+ "(`clock-skew`); the official client, which does not read `exp`, refreshes every "
				+ ScenarioSettings.OFFICIAL_REFRESH_INTERVAL.toSeconds() + " s "
				+ "(`CONDUCTOR_SECURITY_TOKEN_REFRESH_INTERVAL`), about the same point of a token's life. Everything "
				+ "else is each side's default: ours retries 5 times with back-offs of 2, 4, 8, 16 s (±10 %) and "
				+ "makes a caller wait at most 10 s for a token; theirs allows 5 failed refreshes spaced 2, 4, 8, "
				+ "16 s apart. Both sides send their requests with OkHttp, ours through `RestClient` + "
				+ "`ConductorAuthInterceptor` on a minimal OkHttp request factory of this module (Spring Framework 7 "
				+ "has none), theirs through its `ApiClient` built with `credentials(…)`, each keeping up to "
				+ ScenarioSettings.IDLE_CONNECTIONS
				+ " idle connections, so that only authentication differs. The in-process scenarios run ours, then theirs, in one JVM warmed up by "
				+ "a short run of both. Latency and wait are in milliseconds.\n\n";
	}

}
