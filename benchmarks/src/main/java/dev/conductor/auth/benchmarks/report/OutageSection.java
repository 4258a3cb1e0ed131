package dev.conductor.auth.benchmarks.report;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.conductor.auth.benchmarks.outage.Outage;
import dev.conductor.auth.benchmarks.report.ScenarioSection.Latency;

/**
 * The outage: four child JVMs, ours and theirs in their two modes.
 */
final class OutageSection {

	static final String SELF_HEALING = "By design: with `exit-on-failure=false` ours keeps trying about every "
			+ "`retry.max-interval` (30 s) once the budget is spent, so that it heals by itself when the endpoint "
			+ "comes back; the official client stops calling for good once its 5 attempts are spent and stays "
			+ "broken until the JVM restarts.";

	static final String WAITING_CALLERS = "Callers never wait through a back-off (docs/lifecycle.md): while no "
			+ "valid token exists, a caller waits only for an attempt that runs, at most `acquire-timeout`, and "
			+ "is released as soon as it fails; during the back-off it fails at once, as the official client's "
			+ "(\"too soon to refresh\"). A longer wait is an attempt that took that long (a slow or silent token "
			+ "endpoint), or the machine holding the caller up.";

	private OutageSection() {
	}

	static Section render(List<Outage.Result> results, Duration outage, Shortfalls shortfalls) {
		Outage.Result oursDefault = results.get(0);
		Outage.Result theirsRunner = results.get(1);
		Outage.Result oursHealing = results.get(2);
		Outage.Result theirsPlain = results.get(3);
		String seconds = outage.toSeconds() + " s";
		MarkdownTable table = new MarkdownTable("", "ours, by default (`exit-on-failure=true`)",
				"theirs, task runner of 8 workers", "ours, `exit-on-failure=false`", "theirs, plain `TaskClient`");
		table.row("**token endpoint calls** during the " + seconds, calls(oursDefault), calls(theirsRunner),
				calls(oursHealing), calls(theirsPlain));
		table.row("**time to the fatal state**, from the start of the outage", Format.seconds(oursDefault.fatalAfter()),
				Format.seconds(theirsRunner.fatalAfter()), Format.seconds(oursHealing.fatalAfter()),
				Format.seconds(theirsPlain.fatalAfter()));
		table.row("**requests sent to the API without a valid token**", without(oursDefault), without(theirsRunner),
				without(oursHealing), without(theirsPlain));
		table.row("requests that reached the API during the outage", Long.toString(oursDefault.apiRequests()),
				Long.toString(theirsRunner.apiRequests()), Long.toString(oursHealing.apiRequests()),
				Long.toString(theirsPlain.apiRequests()));
		table.row("polls that failed for the callers during the outage", Long.toString(oursDefault.callerFailed()),
				"— (the task runner polls)", Long.toString(oursHealing.callerFailed()),
				Long.toString(theirsPlain.callerFailed()));
		Duration after = Outage.after(outage);
		table.row("longest a caller waited for a poll that failed", seconds(oursDefault.longestFailedPoll()),
				"— (the task runner polls)", seconds(oursHealing.longestFailedPoll()),
				seconds(theirsPlain.longestFailedPoll()));
		table.row("what happened", fate(oursDefault, after), fate(theirsRunner, after), fate(oursHealing, after),
				fate(theirsPlain, after));
		compare(shortfalls, "token endpoint calls", oursDefault, theirsRunner, oursDefault.tokenCalls(),
				theirsRunner.tokenCalls(), Shortfalls.NO_DESIGN_REASON);
		compare(shortfalls, "token endpoint calls", oursHealing, theirsPlain, oursHealing.tokenCalls(),
				theirsPlain.tokenCalls(), SELF_HEALING);
		for (Outage.Result ours : List.of(oursDefault, oursHealing)) {
			if (ours.longestFailedPoll() != null && theirsPlain.longestFailedPoll() != null) {
				Latency.millis(shortfalls,
						"Outage (" + ours.name() + " against " + theirsPlain.name()
								+ "): longest a caller waited for a poll that failed",
						ours.longestFailedPoll().toMillis(), theirsPlain.longestFailedPoll().toMillis(), 20,
						WAITING_CALLERS);
			}
		}
		compare(shortfalls, "requests without a valid token", oursDefault, theirsRunner,
				oursDefault.withoutValidToken(), theirsRunner.withoutValidToken(), Shortfalls.NO_DESIGN_REASON);
		compare(shortfalls, "requests without a valid token", oursHealing, theirsPlain, oursHealing.withoutValidToken(),
				theirsPlain.withoutValidToken(), Shortfalls.NO_DESIGN_REASON);
		String body = "### Outage\n\nThe token endpoint answers 503 for " + seconds + " while 8 threads keep "
				+ "polling, each every 100 ms; then it answers again for " + Format.seconds(Outage.after(outage))
				+ ". The outage starts 2 s after the first successful poll, so each side first fails when its "
				+ "token is due. Each side runs in a JVM of its own (four at once, each with its own stub), because "
				+ "each ends its JVM when authentication is lost for good: ours is a Spring Boot application with "
				+ "the starter, configured by properties only, polling with a `RestClient` from Boot's builder; "
				+ "theirs is the official task runner (8 workers polling every 100 ms), whose poll loop calls "
				+ "`System.exit(1)` when it sees a `FatalAuthenticationException`, and, for the mode of ours that "
				+ "keeps running, a plain `TaskClient` polled by 8 threads. Both budgets are 5 attempts with "
				+ "back-offs of 2, 4, 8 and 16 s, so both reach the fatal state about 30 s after their first failed "
				+ "attempt. Each child's whole output is in `benchmarks/target/outage-*.log` after a run.\n\n"
				+ table.render() + "\n";
		String summary = "- **Outage** (token endpoint down " + seconds + ", 8 threads): " + calls(oursDefault) + " vs "
				+ calls(theirsRunner) + " token endpoint calls, fatal after " + Format.seconds(oursDefault.fatalAfter())
				+ " vs " + Format.seconds(theirsRunner.fatalAfter()) + ", " + without(oursDefault) + " vs "
				+ without(theirsRunner) + " requests without a valid token; ours' JVM " + fate(oursDefault)
				+ ", theirs' " + fate(theirsRunner) + ". With `exit-on-failure=false` ours "
				+ (oursHealing.recoveredAfter() != null
						? "heals " + Format.seconds(oursHealing.recoveredAfter()) + " after the endpoint returns"
						: "had not healed by the end")
				+ "; the plain official client "
				+ ((theirsPlain.recoveredAfter() != null) ? "heals too" : "never does without a restart") + ".\n";
		return new Section(summary, body);
	}

	private static void compare(Shortfalls shortfalls, String what, Outage.Result ours, Outage.Result theirs,
			long oursValue, long theirsValue, String reason) {
		Latency.count(shortfalls, "Outage (" + ours.name() + " against " + theirs.name() + "): " + what, oursValue,
				theirsValue, reason);
	}

	private static String fate(Outage.Result result) {
		return result.outageEnded() ? "ran on"
				: "exited with code " + result.exitCode() + " after " + Format.seconds(result.exitedAfter());
	}

	private static String seconds(@Nullable Duration duration) {
		return (duration != null) ? Format.seconds(duration) : "—";
	}

	private static String calls(Outage.Result result) {
		return result.completed() ? Long.toString(result.tokenCalls()) : "—";
	}

	private static String without(Outage.Result result) {
		return result.completed() ? Long.toString(result.withoutValidToken()) : "—";
	}

	private static String fate(Outage.Result result, Duration after) {
		if (!result.completed()) {
			return "did not start (exit code " + result.exitCode() + "); see its log";
		}
		if (!result.outageEnded()) {
			return "the JVM exited with code " + result.exitCode() + ", " + Format.seconds(result.exitedAfter())
					+ " after the start of the outage";
		}
		if (result.recoveredAfter() != null) {
			return "kept running; the API accepted its requests again " + Format.seconds(result.recoveredAfter())
					+ " after the endpoint came back";
		}
		return "kept running; the API had accepted none of its requests when the scenario ended, "
				+ Format.seconds(after) + " after the endpoint came back";
	}

}
