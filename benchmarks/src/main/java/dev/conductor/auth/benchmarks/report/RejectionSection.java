package dev.conductor.auth.benchmarks.report;

import java.util.Map;

import dev.conductor.auth.benchmarks.report.ScenarioSection.Latency;
import dev.conductor.auth.benchmarks.scenario.RejectionLoop;
import dev.conductor.auth.benchmarks.scenario.RejectionStorm;
import dev.conductor.auth.benchmarks.scenario.Side;

/**
 * The rejection storm and the rejection loop: what each client does when the server
 * rejects its token.
 */
final class RejectionSection {

	static final String EARLY_REJECTION = "Not by design: a token that the server rejects before it ever "
			+ "accepted it counts as a failed attempt (docs/lifecycle.md), so that a server "
			+ "that rejects every token cannot make the manager loop; its replacement is minted only after the "
			+ "back-off (2 s ± 10 %) and the callers wait for it. The token of this round had been accepted "
			+ "before it was rejected, so it should have been replaced at once, as the official client does: a "
			+ "defect to look into.";

	static final String FAIL_SLOW = "Callers never wait through a back-off (docs/lifecycle.md): once the server "
			+ "has rejected a token it never accepted, every request fails at once with "
			+ "`TokenUnavailableException` until the next attempt, and only a request that comes while an "
			+ "attempt runs waits for it (the token endpoint takes 50 ms here). A slower request is one that the "
			+ "machine held up, or a defect to look into.";

	private RejectionSection() {
	}

	static Section storm(Map<Side, RejectionStorm.Result> results, Shortfalls shortfalls) {
		RejectionStorm.Result ours = results.get(Side.OURS);
		RejectionStorm.Result theirs = results.get(Side.THEIRS);
		int rounds = ours.regular().size();
		MarkdownTable table = new MarkdownTable("", "ours", "theirs");
		table.row("**token endpoint calls**, " + Format.count(rounds, "round") + " of 64 rejected requests",
				Long.toString(ours.tokenCalls()), Long.toString(theirs.tokenCalls()));
		table.row("**failures seen by callers** (of " + ours.requests() + " / " + theirs.requests() + ")",
				Long.toString(ours.failed()), Long.toString(theirs.failed()));
		table.row("request latency, replay included: worst round's p50 / max, ms",
				Format.ms(ours.medianLatency()) + " / " + Format.ms(ours.maxLatency()),
				Format.ms(theirs.medianLatency()) + " / " + Format.ms(theirs.maxLatency()));
		table.row("*token 1 s old*: token endpoint calls", Long.toString(ours.young().tokenCalls()),
				Long.toString(theirs.young().tokenCalls()));
		table.row("*token 1 s old*: failures seen by callers (of 64)", Long.toString(ours.young().failed()),
				Long.toString(theirs.young().failed()));
		table.row("*token 1 s old*: request latency p50 / max, ms",
				Format.ms(ours.young().latency().p50()) + " / " + Format.ms(ours.young().latency().max()),
				Format.ms(theirs.young().latency().p50()) + " / " + Format.ms(theirs.young().latency().max()));
		String row = "Rejection storm: ";
		Latency.count(shortfalls, row + "token endpoint calls", ours.tokenCalls(), theirs.tokenCalls());
		Latency.count(shortfalls, row + "failures seen by callers", ours.failed(), theirs.failed());
		Latency.millis(shortfalls, row + "worst round's median latency", ours.medianLatency(), theirs.medianLatency(),
				5, Shortfalls.NO_DESIGN_REASON);
		Latency.millis(shortfalls, row + "slowest request", ours.maxLatency(), theirs.maxLatency(), 20,
				Shortfalls.NO_DESIGN_REASON);
		row = "Rejection storm, token 1 s old: ";
		Latency.count(shortfalls, row + "token endpoint calls", ours.young().tokenCalls(), theirs.young().tokenCalls());
		Latency.count(shortfalls, row + "failures seen by callers", ours.young().failed(), theirs.young().failed());
		Latency.millis(shortfalls, row + "median latency", ours.young().latency().p50(), theirs.young().latency().p50(),
				5, EARLY_REJECTION);
		Latency.millis(shortfalls, row + "slowest request", ours.young().latency().max(),
				theirs.young().latency().max(), 20, EARLY_REJECTION);
		String body = "### Rejection storm\n\nThe server stops accepting the current token, and 64 requests that "
				+ "carry it start at the same moment; each is answered 401 `EXPIRED_TOKEN`. The token endpoint "
				+ "takes 100 ms. " + Format.count(rounds, "round") + " with a token that has lived 3 s, then one "
				+ "with a token that " + "has lived 1 s.\n\n" + table.render() + "\n";
		String summary = "- **Rejection storm** (64 concurrent 401 `EXPIRED_TOKEN`, " + Format.count(rounds, "round")
				+ "): " + ours.tokenCalls() + " vs " + theirs.tokenCalls() + " token endpoint calls, " + ours.failed()
				+ " vs " + theirs.failed() + " failures seen by callers.\n";
		return new Section(summary, body);
	}

	static Section loop(Map<Side, RejectionLoop.Result> results, Shortfalls shortfalls) {
		RejectionLoop.Result ours = results.get(Side.OURS);
		RejectionLoop.Result theirs = results.get(Side.THEIRS);
		MarkdownTable table = new MarkdownTable("", "ours", "theirs");
		table.row("**token endpoint calls** in the " + ours.duration().toSeconds() + " s",
				Long.toString(ours.tokenCalls()), Long.toString(theirs.tokenCalls()));
		table.row("requests that reached the API (replays included)", Long.toString(ours.apiRequests()),
				Long.toString(theirs.apiRequests()));
		table.row("requests the callers made / of them failed", ours.requests() + " / " + ours.failed(),
				theirs.requests() + " / " + theirs.failed());
		table.row("request latency p50 / max, ms",
				Format.ms(ours.latency().p50()) + " / " + Format.ms(ours.latency().max()),
				Format.ms(theirs.latency().p50()) + " / " + Format.ms(theirs.latency().max()));
		String row = "Rejection loop: ";
		Latency.count(shortfalls, row + "token endpoint calls", ours.tokenCalls(), theirs.tokenCalls());
		Latency.count(shortfalls, row + "requests that reached the API", ours.apiRequests(), theirs.apiRequests());
		Latency.millis(shortfalls, row + "median latency of a (failing) request", ours.latency().p50(),
				theirs.latency().p50(), 5, FAIL_SLOW);
		Latency.millis(shortfalls, row + "slowest (failing) request", ours.latency().max(), theirs.latency().max(), 20,
				FAIL_SLOW);
		String body = "### Rejection loop (beyond the issue's list)\n\nFor " + ours.duration().toSeconds()
				+ " s the server rejects every token, "
				+ "even one minted a moment ago, with 401 `EXPIRED_TOKEN` (as a server whose clock runs ahead of "
				+ "the token issuer's would), while 8 threads keep polling, each at most every 50 ms; the token "
				+ "endpoint takes 50 ms. No client can succeed; the question is how hard each hits the token "
				+ "endpoint meanwhile. At the end the client is closed, which releases callers still waiting.\n\n"
				+ table.render() + "\n";
		String summary = "- **Rejection loop** (the server rejects every token for " + ours.duration().toSeconds()
				+ " s): " + ours.tokenCalls() + " vs " + theirs.tokenCalls() + " token endpoint calls.\n";
		return new Section(summary, body);
	}

}
