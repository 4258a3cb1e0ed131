package dev.conductor.auth.benchmarks.outage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Outage: the token endpoint answers 503 for 120 s while 8 threads keep calling the API.
 * Four child JVMs run at once, each with its own stub: ours as the starter runs by
 * default (the application exits when the budget is spent) and with
 * {@code exit-on-failure=false} (it keeps trying and heals), theirs as a task runner of 8
 * workers (which exits the JVM) and as a plain client polled by 8 threads. How many calls
 * reach the token endpoint, how long until the fatal state, how many requests reach the
 * API without a valid token, and what happens when the endpoint comes back?
 */
public final class Outage {

	private static final Duration AFTER = Duration.ofSeconds(32);

	private Outage() {
	}

	/**
	 * Run the four children and wait for them.
	 * @param outage how long the token endpoint is down
	 * @param logs the directory for the children's output
	 * @return the results, ours first
	 */
	public static List<Result> run(Duration outage, Path logs) {
		Duration after = after(outage);
		List<String> timing = List.of(outage.toString(), after.toString());
		List<OutageRun> runs = new ArrayList<>();
		runs.add(OutageRun.start("ours-default", OurOutageApplication.class, timing,
				logs.resolve("outage-ours-default.log")));
		runs.add(OutageRun.start("theirs-task-runner", OfficialOutageWorkers.class, timing,
				logs.resolve("outage-theirs-task-runner.log")));
		runs.add(OutageRun.start("ours-self-healing", OurOutageApplication.class,
				with(timing, "--exit-on-failure=false"), logs.resolve("outage-ours-self-healing.log")));
		runs.add(OutageRun.start("theirs-plain-client", OfficialOutageWorkers.class, with(timing, "--plain"),
				logs.resolve("outage-theirs-plain-client.log")));
		Duration bound = outage.plus(after).plusSeconds(60);
		List<Result> results = new ArrayList<>();
		for (int i = 0; i < runs.size(); i++) {
			results.add(Result.of(runs.get(i).await(bound, i == 1)));
		}
		return results;
	}

	/**
	 * How long the children keep running after the outage: long enough for ours to heal
	 * at its next attempt (every 30 s once the budget is spent).
	 * @param outage how long the token endpoint is down
	 * @return 32 s, or the outage if it is shorter (a smoke run)
	 */
	public static Duration after(Duration outage) {
		return (outage.compareTo(AFTER) < 0) ? outage : AFTER;
	}

	private static List<String> with(List<String> timing, String arg) {
		List<String> args = new ArrayList<>(timing);
		args.add(arg);
		return args;
	}

	/**
	 * What one child did, from the start of the outage.
	 *
	 * @param name the child's name
	 * @param completed whether it reported the start of the outage at all
	 * @param tokenCalls calls to the token endpoint while it was down
	 * @param fatalAfter how long after the start of the outage the client reached its
	 * fatal state, if it did
	 * @param apiRequests requests that reached the API while the endpoint was down
	 * @param withoutValidToken of those, how many carried no valid token
	 * @param callerFailed polls whose caller got no 200 while the endpoint was down
	 * @param longestFailedPoll the longest a caller waited for a poll that failed, if the
	 * client's callers are ours to time
	 * @param exitCode the JVM's exit code
	 * @param exitedAfter how long after the start of the outage the JVM ended
	 * @param recoveredAfter how long after the end of the outage the API accepted a
	 * request of the client again, if the JVM lived to see it
	 * @param outageEnded whether the JVM lived to see the end of the outage
	 */
	public record Result(String name, boolean completed, long tokenCalls, @Nullable Duration fatalAfter,
			long apiRequests, long withoutValidToken, long callerFailed, @Nullable Duration longestFailedPoll,
			int exitCode, Duration exitedAfter, @Nullable Duration recoveredAfter, boolean outageEnded) {

		static Result of(OutageRun.Outcome outcome) {
			Map<String, String> start = outcome.first("outage-start");
			if (start == null) {
				return new Result(outcome.name(), false, 0, null, 0, 0, 0, null, outcome.exitCode(), Duration.ZERO,
						null, false);
			}
			long startedAt = time(start);
			Map<String, String> end = outcome.first("outage-end");
			Map<String, String> last = (end != null) ? end : lastEvent(outcome);
			Map<String, String> fatal = outcome.first("fatal");
			Map<String, String> exit = outcome.first("jvm-exit");
			Map<String, String> recovered = outcome.first("recovered");
			Duration fatalAfter = (fatal != null) ? Duration.ofMillis(time(fatal) - startedAt) : null;
			if (fatalAfter == null && exit != null && outcome.exitCode() != 0) {
				// the task runner exits at once when it sees the fatal state
				fatalAfter = Duration.ofMillis(time(exit) - startedAt);
			}
			long tokenCalls = outcome.all("token-call")
				.stream()
				.filter((call) -> time(call) >= startedAt && (end == null || time(call) <= time(end)))
				.count();
			return new Result(outcome.name(), true, tokenCalls, fatalAfter, count(last, start, "apiRequests"),
					count(last, start, "withoutValidToken"), count(last, start, "callerFailed"),
					outcome.polledItself() ? null
							: Duration.ofMillis(Long.parseLong(last.get("longestFailedPollMillis"))),
					outcome.exitCode(),
					Duration.ofMillis(((exit != null) ? time(exit) : outcome.exitedAt()) - startedAt),
					(recovered != null && end != null) ? Duration.ofMillis(time(recovered) - time(end)) : null,
					end != null);
		}

		private static Map<String, String> lastEvent(OutageRun.Outcome outcome) {
			return outcome.events().get(outcome.events().size() - 1);
		}

		private static long time(Map<String, String> event) {
			return Long.parseLong(event.get("t"));
		}

		private static long count(Map<String, String> later, Map<String, String> earlier, String key) {
			return Long.parseLong(later.get(key)) - Long.parseLong(earlier.get(key));
		}

	}

}
