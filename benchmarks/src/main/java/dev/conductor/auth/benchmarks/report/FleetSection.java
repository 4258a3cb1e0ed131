package dev.conductor.auth.benchmarks.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.conductor.auth.benchmarks.fleet.CallRate;
import dev.conductor.auth.benchmarks.fleet.FleetResult;
import dev.conductor.auth.benchmarks.fleet.FleetScenario;
import dev.conductor.auth.benchmarks.fleet.FleetSettings;
import dev.conductor.auth.benchmarks.fleet.FleetSide;
import dev.conductor.auth.benchmarks.fleet.Lateness;

/**
 * The fleet: hundreds of instances of each side through outages of three lengths, what
 * each outage costs the token endpoint and the fleet, and the goals checked on
 * the figures.
 */
final class FleetSection {

	static final String KEEPS_TRYING = "By design: while its token is still valid, ours keeps trying about "
			+ "every 30 s once its 5 attempts are spent, which is what lets it ride out an outage shorter than the "
			+ "refresh margin (5 min); the official client drops its token at its refresh interval, spends its 5 "
			+ "attempts in 30 s and ends the instance.";

	/**
	 * The failure budget's span: the back-offs between the starter's 5 attempts, 2 + 4 +
	 * 8 + 16 s.
	 */
	private static final Duration BUDGET = Duration.ofSeconds(30);

	private static final double GOAL_PEAK_TO_MEAN = 1.5;

	private static final List<FleetSide> OURS = List.of(FleetSide.OURS, FleetSide.OURS_SELF_HEALING);

	private FleetSection() {
	}

	static Section render(FleetScenario.Results results, Shortfalls shortfalls) {
		FleetSettings settings = results.settings();
		StringBuilder body = new StringBuilder("## 3. A fleet of instances against one token endpoint\n\n");
		body.append(setup(settings));
		body.append(steadyState(results)).append("\n\n");
		for (Duration outage : settings.outages()) {
			body.append(outageTable(results, outage, shortfalls));
		}
		body.append("![Token calls per second around each outage, every side](" + FleetChart.FILE_NAME + ")\n\n");
		body.append("### The issue's goals on this run\n\n").append(goals(results)).append('\n');
		body.append("### What a fleet costs the token endpoint\n\n").append(costParagraph(results)).append("\n\n");
		return new Section(summary(results), body.toString());
	}

	private static String setup(FleetSettings settings) {
		String speedUp = settings.speedUp() + " times";
		return settings.instances() + " instances of each side, each configured as an application instance is by "
				+ "default, share one token endpoint per side (the JDK's HTTP server on a loopback port, answering in "
				+ "about a millisecond). Time runs " + speedUp + " faster than in an application, every duration "
				+ "alike, so that the run keeps their proportions: the token lives 45 min (its JWT `exp` − `iat`; "
				+ Format.seconds(settings.run(settings.tokenLifetime())) + " of the run), ours refreshes 5 min "
				+ "before its end (`refresh-before-expiry`) and stops using it 30 s before (`clock-skew`), makes 5 "
				+ "attempts 2, 4, 8 and 16 s apart (±10 %) and then, with a valid token still in hand or with "
				+ "`exit-on-failure=false`, after a delay drawn once between nothing and 30 s, every 27–30 s "
				+ "(`retry.max-interval` 30 s, less up to a tenth); a caller waits at most 10 s for an attempt that "
				+ "runs (`acquire-timeout`), never through a back-off. Theirs refreshes every 40 min, at the point of the token's life where ours "
				+ "does, as in the other scenarios. Every instance asks for its token once a second, as a worker "
				+ "polls. All figures below are in the application's time.\n\n"
				+ "The instances start at random instants over one refresh period (40 min: no token gets older, so "
				+ "their tokens are of every age, evenly; spread over the whole 45 min, the instances of the first "
				+ "5 min would refresh with those of the last 5, twice the density) and run 10 min in the steady "
				+ "state; then the endpoint answers 503 for an outage and comes back, the fleet is watched "
				+ "for 2 min, and 1 min later the next outage starts: "
				+ String.join(", ",
						settings.outages()
							.stream()
							.map((outage) -> Format.duration(outage) + " (" + describe(outage) + ")")
							.toList())
				+ ". An "
				+ "instance that exited is started again before the next outage, as an orchestrator would restart "
				+ "it. The three sides run at once, each with its own endpoint, their instances starting at the same "
				+ "instants.\n\n"
				+ "- **ours, by default**: a `ConductorTokenManager` built with the starter's defaults (times sped "
				+ "up). It reaches the fatal state when its budget is spent and no valid token is left; there the "
				+ "application would exit (`exit-on-failure=true`), so the instance counts as **exited** when the "
				+ "manager publishes its `ConductorAuthenticationFatalEvent`, and is polled no more. Nothing calls "
				+ "`System.exit`.\n"
				+ "- **ours, `exit-on-failure=false`** (`recoverAfterFatal(true)`): it goes through the fatal state, "
				+ "keeps trying and heals.\n"
				+ "- **theirs**: the official client's `OrkesAuthentication`, as `ApiClient.builder().credentials(…)` "
				+ "creates it, asked for the request's headers on every poll as its task runner asks: a refresh "
				+ "happens inside a poll once its cached token is gone. Its task runner calls `System.exit(1)` when "
				+ "a poll meets `FatalAuthenticationException` (after 5 failed refreshes): the instance counts as "
				+ "**exited** there. Its refresh interval is a setting and is sped up; its back-off (2^n s since "
				+ "the last attempt, on `System.currentTimeMillis()`) is a constant of its code, so each poll moves "
				+ "its private `lastTokenRefreshAttempt` back for the time of the call, making the time since the "
				+ "real last attempt look " + speedUp + " longer; nothing else of it is touched.\n\n"
				+ "What is shared, and why it changes nothing measured: our instances of a side run their attempts "
				+ "on one `ThreadPoolTaskScheduler` of 8 threads (`ConductorTokenManagerBuilder.scheduler(…)`) "
				+ "instead of a thread each; a manager has at most one task scheduled and an attempt takes about a "
				+ "millisecond, so a shared thread only matters if a task starts late, and the tables show how many "
				+ "did. Each manager keeps its own HTTP client. Their instances send their token calls "
				+ "through one `ApiClient` (one OkHttp client) and each keeps its own `OrkesAuthentication` "
				+ "(cache, failure count, back-off). " + "The polls of a side run on 4 threads, each instance at its "
				+ "own phase of the second; the tables show how many polls started late too. On a busy machine both "
				+ "can be late by a fraction of a second of the run (" + speedUp + " that in the application's "
				+ "time), which bunches the calls of a few seconds into one.\n\n"
				+ "An instance is **stuck** when it has neither exited nor holds a token "
				+ Format.seconds(settings.stuckAfter()) + " after the endpoint came back. **Back** means every "
				+ "instance still running holds a token again (to the second of its poll or, ours, of its mint). "
				+ "Token calls per second count every call the endpoint received, answered or failed, in seconds "
				+ "of the application's time.\n\n";
	}

	private static String steadyState(FleetScenario.Results results) {
		FleetSettings settings = results.settings();
		List<String> sides = new ArrayList<>();
		for (FleetSide side : FleetSide.values()) {
			CallRate steady = results.of(side, settings.outages().get(0)).steady();
			sides.add(rate(steady.meanPerSecond()) + " (" + side.title() + ")");
		}
		double expected = settings.instances() / (double) settings.officialRefreshInterval().toSeconds();
		return "**Steady state**: in the 10 min before the first outage the endpoint received "
				+ String.join(", ", sides) + " token calls per second: " + settings.instances()
				+ " instances that each refresh once every 40 min make " + rate(expected) + " a second.";
	}

	private static String outageTable(FleetScenario.Results results, Duration outage, Shortfalls shortfalls) {
		List<FleetResult> sides = List.of(results.of(FleetSide.OURS, outage),
				results.of(FleetSide.OURS_SELF_HEALING, outage), results.of(FleetSide.THEIRS, outage));
		MarkdownTable table = new MarkdownTable("", FleetSide.OURS.title(), FleetSide.OURS_SELF_HEALING.title(),
				FleetSide.THEIRS.title());
		row(table, sides, "instances when the outage started", (result) -> Integer.toString(result.instances()));
		row(table, sides, "**exited** (reached the fatal state)", (result) -> Integer.toString(result.exited()));
		row(table, sides, "of them, with a token still valid when the endpoint came back",
				(result) -> Integer.toString(result.exitedWithValidToken()));
		row(table, sides, "went through the fatal state and kept running",
				(result) -> Integer.toString(result.wentFatal()));
		row(table, sides, "running without a token when the endpoint came back",
				(result) -> Integer.toString(result.withoutToken()));
		row(table, sides, "**stuck** " + Format.seconds(results.settings().stuckAfter()) + " after it came back",
				(result) -> Integer.toString(result.stuck()));
		row(table, sides, "running without a token " + Format.duration(results.settings().observeAfter())
				+ " after it came back, at the end", (result) -> Integer.toString(result.withoutTokenAtEnd()));
		row(table, sides, "**every running instance back**, after the endpoint came back",
				(result) -> (result.allBackAfter() != null) ? Format.seconds(result.allBackAfter()) : "not by the end");
		row(table, sides, "**token calls per second during the outage**, mean / peak",
				(result) -> meanPeak(result.duringOutage()));
		row(table, sides, "**token calls per second in the first minute back**, mean / peak (peak ÷ mean)",
				(result) -> meanPeak(result.recovery()) + ratio(result.recovery()));
		row(table, sides, "the same calls at random moments of that minute: peak ÷ mean (median of 1001 draws)",
				(result) -> (result.recovery().calls() > 0)
						? String.format(Locale.ROOT, "%.2f", result.recovery().randomPeakToMean()) : "—");
		row(table, sides, "token calls per second until every running instance was back, mean / peak (peak ÷ mean)",
				(result) -> {
					CallRate untilBack = untilBack(result);
					return (untilBack != null) ? meanPeak(untilBack) + ratio(untilBack) : "—";
				});
		row(table, sides,
				"polls, then attempts on the shared scheduler, that started over a second late: of all (the "
						+ "latest, in ms of the run)",
				(result) -> late(result.polls()) + "; " + late(result.attempts()));
		FleetResult ours = sides.get(0);
		FleetResult theirs = sides.get(2);
		String row = "Fleet, outage of " + Format.duration(outage) + " (ours by default against theirs): ";
		shortfalls.lowerIsBetter(row + "instances that exited", ours.exited(), theirs.exited(), 0, 0,
				"ours " + ours.exited() + " against theirs " + theirs.exited(), Shortfalls.NO_DESIGN_REASON);
		shortfalls.lowerIsBetter(row + "instances stuck", ours.stuck(), theirs.stuck(), 0, 0,
				"ours " + ours.stuck() + " against theirs " + theirs.stuck(), Shortfalls.NO_DESIGN_REASON);
		shortfalls.lowerIsBetter(row + "token calls per second during the outage", ours.duringOutage().meanPerSecond(),
				theirs.duringOutage().meanPerSecond(), 0.25, 0.05, "ours " + rate(ours.duringOutage().meanPerSecond())
						+ " against theirs " + rate(theirs.duringOutage().meanPerSecond()),
				KEEPS_TRYING);
		return "### Outage of " + Format.duration(outage) + ", " + describe(outage) + "\n\n" + table.render() + "\n";
	}

	private static String goals(FleetScenario.Results results) {
		FleetSettings settings = results.settings();
		List<String> stuck = new ArrayList<>();
		List<String> exits = new ArrayList<>();
		List<String> back = new ArrayList<>();
		List<String> peaks = new ArrayList<>();
		boolean noneStuck = true;
		boolean noExitWithValidToken = true;
		boolean allBack = true;
		for (Duration outage : settings.outages()) {
			String label = Format.duration(outage);
			FleetResult ours = results.of(FleetSide.OURS, outage);
			FleetResult healing = results.of(FleetSide.OURS_SELF_HEALING, outage);
			FleetResult theirs = results.of(FleetSide.THEIRS, outage);
			noneStuck &= ours.stuck() == 0 && healing.stuck() == 0;
			stuck.add(label + ": " + ours.stuck() + " / " + healing.stuck());
			noExitWithValidToken &= ours.exitedWithValidToken() == 0;
			exits.add(label + ": " + ours.exitedWithValidToken() + " of " + ours.exited() + " (theirs "
					+ theirs.exitedWithValidToken() + " of " + theirs.exited() + ")");
			Duration after = healing.allBackAfter();
			allBack &= after != null && after.compareTo(FleetSettings.MAX_INTERVAL) <= 0;
			back.add(label + ": " + ((after != null) ? Format.seconds(after) : "not by the end"));
			for (FleetResult result : List.of(ours, healing)) {
				CallRate recovery = result.recovery();
				if (recovery.calls() > 0) {
					peaks.add(label + ", " + result.side().title() + ": " + Format.count(recovery.calls(), "call")
							+ ", peak " + recovery.peakPerSecond() + ", " + times(recovery.peakToMean())
							+ " (at random " + times(recovery.randomPeakToMean()) + ")");
				}
			}
		}
		StringBuilder goals = new StringBuilder();
		goals.append("- No instance of ours is ever stuck: **")
			.append(met(noneStuck))
			.append("**. Stuck, ours by default / with `exit-on-failure=false`: ")
			.append(String.join("; ", stuck))
			.append(".\n");
		goals.append("- None exits for an outage it could have ridden out on a still-valid token: **")
			.append(met(noExitWithValidToken))
			.append("**. Ours by default exited with a token still valid when the endpoint came back: ")
			.append(String.join("; ", exits))
			.append(".\n");
		goals.append("- With `exit-on-failure=false` every instance is back within one `retry.max-interval` (")
			.append(Format.duration(FleetSettings.MAX_INTERVAL))
			.append(") of the endpoint's return: **")
			.append(met(allBack))
			.append("**. Every instance back after ")
			.append(String.join("; ", back))
			.append(". This figure sits close to the bound by design (the last attempt before the return can "
					+ "be up to 30 s old), and a machine too busy for the sped-up schedule (see the late tasks in "
					+ "the tables) can push it over.\n");
		FleetResult longest = results.of(FleetSide.OURS_SELF_HEALING,
				settings.outages().get(settings.outages().size() - 1));
		CallRate untilBack = untilBack(longest);
		boolean spreadMet = untilBack != null
				&& untilBack.peakToMean() <= GOAL_PEAK_TO_MEAN * untilBack.randomPeakToMean();
		goals
			.append("- A fleet that comes back together does not stampede the endpoint: in the recovery of the "
					+ "whole fleet (ours with `exit-on-failure=false` after the ")
			.append(Format.duration(longest.outage()))
			.append(" outage, from the endpoint's return until every instance was back) the busiest second ≤ ")
			.append(GOAL_PEAK_TO_MEAN)
			.append("× of what the same calls at random moments of those seconds give: **")
			.append(met(spreadMet))
			.append("**. ");
		if (untilBack != null) {
			goals.append("Over those ")
				.append(untilBack.seconds())
				.append(" s the busiest second is ")
				.append(times(untilBack.peakToMean()))
				.append(" the mean, at random ")
				.append(times(untilBack.randomPeakToMean()))
				.append(". ");
		}
		goals.append("The issue asked for ≤ ")
			.append(GOAL_PEAK_TO_MEAN)
			.append("× the mean; restated, because chance alone reaches that for 500 independent instances in "
					+ "one-second bins, and no spread without coordination between instances does better than "
					+ "chance. Each recovery's first minute, for the record (peak ÷ mean, at random): ")
			.append(peaks.isEmpty() ? "no recovery called the endpoint" : String.join("; ", peaks))
			.append(". Where a minute holds a few calls, chance alone puts one second far above the mean; and a "
					+ "recovery that ends within 30 s, as the previous goal asks, leaves the second half of the "
					+ "minute empty, so that its peak is at least twice the minute's mean.");
		return goals.append('\n').toString();
	}

	private static String met(boolean met) {
		return met ? "met" : "not met";
	}

	private static String times(double ratio) {
		return String.format(Locale.ROOT, "%.2f×", ratio);
	}

	private static String costParagraph(FleetScenario.Results results) {
		FleetSettings settings = results.settings();
		int n = settings.instances();
		Duration middle = settings.outages().get(1);
		Duration longest = settings.outages().get(settings.outages().size() - 1);
		FleetResult oursMiddle = results.of(FleetSide.OURS, middle);
		FleetResult theirsMiddle = results.of(FleetSide.THEIRS, middle);
		FleetResult ours = results.of(FleetSide.OURS, longest);
		FleetResult healing = results.of(FleetSide.OURS_SELF_HEALING, longest);
		int back = (int) longest.toSeconds() - healing.chartFrom();
		CallRate lastMinutes = CallRate.of(healing.perSecond(), back - 300, back);
		double perInstance = 1 / 28.5;
		return "In the steady state, a fleet of N instances calls the token endpoint N times in 40 minutes: each "
				+ "refreshes its 45-minute token 5 minutes before its end, about " + rate(n / 2400.0)
				+ " calls a second for " + n + " instances (measured: "
				+ rate(results.of(FleetSide.OURS, settings.outages().get(0)).steady().meanPerSecond())
				+ "). An outage shorter than the refresh margin (5 min) costs no instance: only those whose refresh "
				+ "falls into it notice, and each keeps its valid token while it retries, 5 attempts in 30 s then "
				+ "one about every 30 s (in " + Format.duration(middle) + " down, " + oursMiddle.exited() + " of " + n
				+ " exited, " + oursMiddle.withoutToken() + " ran without a token, and the endpoint saw "
				+ rate(oursMiddle.duringOutage().meanPerSecond()) + " calls a second; the official client ended "
				+ Format.count(theirsMiddle.exited(), "instance") + "). An outage longer than a token's life ends "
				+ "every instance by default, each when its own token expires (" + ours.exited() + " of " + n + ", at "
				+ rate(ours.duringOutage().meanPerSecond()) + " calls a second meanwhile), for the "
				+ "orchestrator to restart. With `exit-on-failure=false` none ends: each tries once every 27–30 s, "
				+ String.format(Locale.ROOT, "%.3f", perInstance) + " calls a second per instance ("
				+ rate(lastMinutes.meanPerSecond()) + " for " + n + " in the outage's last 5 minutes), and all are "
				+ "back about 30 s after the endpoint's return at the latest (the longest wait between attempts; "
				+ "measured: "
				+ ((healing.allBackAfter() != null) ? Format.seconds(healing.allBackAfter()) : "more than 2 min")
				+ "): one call per instance, about N ÷ 30 a second, spread evenly over those 30 s (measured peak: "
				+ healing.recovery().peakPerSecond() + " in a second). Their new tokens are then all of the same "
				+ "age, so their refreshes fall due within the same 30 s every 40 minutes from then on.";
	}

	private static String summary(FleetScenario.Results results) {
		FleetSettings settings = results.settings();
		List<String> parts = new ArrayList<>();
		for (Duration outage : settings.outages()) {
			parts.add(Format.duration(outage) + ": exited " + results.of(FleetSide.OURS, outage).exited() + " / "
					+ results.of(FleetSide.OURS_SELF_HEALING, outage).exited() + " / "
					+ results.of(FleetSide.THEIRS, outage).exited() + ", stuck "
					+ results.of(FleetSide.OURS, outage).stuck() + " / "
					+ results.of(FleetSide.OURS_SELF_HEALING, outage).stuck() + " / "
					+ results.of(FleetSide.THEIRS, outage).stuck());
		}
		Duration longest = settings.outages().get(settings.outages().size() - 1);
		FleetResult healing = results.of(FleetSide.OURS_SELF_HEALING, longest);
		return "- **Fleet** (" + settings.instances() + " instances a side, token endpoint down for "
				+ String.join(", ", settings.outages().stream().map(Format::duration).toList())
				+ "; ours by default / ours with `exit-on-failure=false` / theirs): " + String.join("; ", parts)
				+ ". After " + Format.duration(longest) + " down, ours with `exit-on-failure=false` is all back "
				+ ((healing.allBackAfter() != null) ? "after " + Format.seconds(healing.allBackAfter())
						: "not within 2 min")
				+ ", peak " + healing.recovery().peakPerSecond() + " token calls in a second; see the [chart]("
				+ FleetChart.FILE_NAME + ").\n";
	}

	/**
	 * The token calls from the endpoint's return until every running instance was back,
	 * {@code null} if none had to come back.
	 */
	private static @Nullable CallRate untilBack(FleetResult result) {
		Duration back = result.allBackAfter();
		if (back == null || back.isZero()) {
			return null;
		}
		int from = (int) result.outage().toSeconds() - result.chartFrom();
		return CallRate.of(result.perSecond(), from, from + (int) Math.ceil(back.toMillis() / 1000.0));
	}

	private static String describe(Duration outage) {
		if (outage.compareTo(BUDGET) < 0) {
			return "shorter than the failure budget of about " + Format.duration(BUDGET);
		}
		if (outage.compareTo(FleetSettings.REFRESH_BEFORE_EXPIRY) < 0) {
			return "longer than the failure budget, shorter than the refresh margin of "
					+ Format.duration(FleetSettings.REFRESH_BEFORE_EXPIRY);
		}
		return "longer than a token's life of 45 min";
	}

	private static void row(MarkdownTable table, List<FleetResult> sides, String label,
			Function<FleetResult, String> cell) {
		table.row(label, cell.apply(sides.get(0)), cell.apply(sides.get(1)), cell.apply(sides.get(2)));
	}

	private static String late(Lateness.@Nullable Counts counts) {
		return (counts != null)
				? String.format(Locale.ROOT, "%,d of %,d (%d)", counts.late(), counts.total(), counts.max().toMillis())
				: "—";
	}

	private static String meanPeak(CallRate rate) {
		return rate(rate.meanPerSecond()) + " / " + rate.peakPerSecond();
	}

	private static String ratio(CallRate rate) {
		return (rate.calls() > 0) ? String.format(Locale.ROOT, " (%.2f)", rate.peakToMean()) : "";
	}

	private static String rate(double perSecond) {
		return String.format(Locale.ROOT, (perSecond < 10) ? "%.2f" : "%.1f", perSecond);
	}

}
