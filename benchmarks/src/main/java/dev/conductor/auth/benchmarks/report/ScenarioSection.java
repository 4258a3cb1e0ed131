package dev.conductor.auth.benchmarks.report;

import java.util.Map;

import dev.conductor.auth.benchmarks.scenario.ExpiryStorm;
import dev.conductor.auth.benchmarks.scenario.Percentiles;
import dev.conductor.auth.benchmarks.scenario.RefreshStall;
import dev.conductor.auth.benchmarks.scenario.Side;

/**
 * The expiry storm and the refresh stall: what a refresh costs the requests around it.
 */
final class ScenarioSection {

	private ScenarioSection() {
	}

	static Section expiryStorm(Map<Side, ExpiryStorm.Result> results, Shortfalls shortfalls) {
		ExpiryStorm.Result ours = results.get(Side.OURS);
		ExpiryStorm.Result theirs = results.get(Side.THEIRS);
		MarkdownTable table = new MarkdownTable("", "ours", "theirs");
		table.row("**token endpoint calls** while the 64 threads ran (" + ours.duration().toSeconds() + " s)",
				Long.toString(ours.tokenCalls()), Long.toString(theirs.tokenCalls()));
		table.row("requests measured", Long.toString(ours.requests()), Long.toString(theirs.requests()));
		table.row("**requests that waited ≥ 50 ms for their token**", Long.toString(ours.waited()),
				Long.toString(theirs.waited()));
		table.row("**token wait p50 / p99 / max, ms**", Format.p50p99max(ours.tokenWait()),
				Format.p50p99max(theirs.tokenWait()));
		table.row("request latency p50 / p99 / max, ms", Format.p50p99max(ours.latency()),
				Format.p50p99max(theirs.latency()));
		table.row("requests that failed", Long.toString(ours.failed()), Long.toString(theirs.failed()));
		String row = "Expiry storm: ";
		Latency.count(shortfalls, row + "token endpoint calls", ours.tokenCalls(), theirs.tokenCalls());
		Latency.count(shortfalls, row + "requests that waited for their token", ours.waited(), theirs.waited());
		Latency.percentiles(shortfalls, row + "token wait", ours.tokenWait(), theirs.tokenWait(),
				Shortfalls.NO_DESIGN_REASON);
		Latency.percentiles(shortfalls, row + "request latency", ours.latency(), theirs.latency(),
				Shortfalls.NO_DESIGN_REASON);
		Latency.count(shortfalls, row + "failed requests", ours.failed(), theirs.failed());
		String body = "### Expiry storm\n\n64 threads poll the API, each at most every 200 ms, for "
				+ ours.duration().toSeconds() + " s after the first token, while each side refreshes about every "
				+ "6 s; the token endpoint takes 200 ms. The wait is "
				+ "the time between the client's authentication step starting and the request leaving (measured "
				+ "by an interceptor or header supplier on each side of it); the first 1.5 s are warm-up.\n\n"
				+ table.render() + "\n";
		String summary = "- **Expiry storm** (64 threads, token endpoint 200 ms, " + ours.duration().toSeconds()
				+ " s): " + ours.tokenCalls() + " vs " + theirs.tokenCalls()
				+ " token endpoint calls; requests that waited for a token: " + ours.waited() + " (ours) vs "
				+ theirs.waited() + " (theirs), longest wait " + Format.ms(ours.tokenWait().max()) + " ms vs "
				+ Format.ms(theirs.tokenWait().max()) + " ms.\n";
		return new Section(summary, body);
	}

	static Section refreshStall(Map<Side, RefreshStall.Result> results, Shortfalls shortfalls) {
		RefreshStall.Result ours = results.get(Side.OURS);
		RefreshStall.Result theirs = results.get(Side.THEIRS);
		MarkdownTable table = new MarkdownTable("", "ours", "theirs");
		table.row("requests that started in the second around the refresh", Integer.toString(ours.window().count()),
				Integer.toString(theirs.window().count()));
		table.row("**their latency p50 / p99 / max, ms**", Format.p50p99max(ours.window()),
				Format.p50p99max(theirs.window()));
		table.row("their token wait p50 / p99 / max, ms", Format.p50p99max(ours.windowWait()),
				Format.p50p99max(theirs.windowWait()));
		table.row("of them failed", Long.toString(ours.windowFailed()), Long.toString(theirs.windowFailed()));
		table.row("latency of requests far from the refresh, p50 / p99 / max, ms", Format.p50p99max(ours.steady()),
				Format.p50p99max(theirs.steady()));
		String row = "Refresh stall: ";
		Latency.percentiles(shortfalls, row + "latency in the second around the refresh", ours.window(),
				theirs.window(), Shortfalls.NO_DESIGN_REASON);
		Latency.percentiles(shortfalls, row + "token wait in the second around the refresh", ours.windowWait(),
				theirs.windowWait(), Shortfalls.NO_DESIGN_REASON);
		Latency.count(shortfalls, row + "failed requests", ours.windowFailed(), theirs.windowFailed());
		Latency.percentiles(shortfalls, row + "latency far from the refresh", ours.steady(), theirs.steady(),
				Shortfalls.NO_DESIGN_REASON);
		String body = "### Refresh stall\n\n8 threads poll the API, each at most every 25 ms; the token endpoint "
				+ "takes 500 ms. \"The second around the refresh\" is from 250 ms before the token call reached the "
				+ "server to 750 ms after it; \"far from the refresh\" is every request more than 2 s before or 3 s "
				+ "after it (after 1.5 s of warm-up). Fewer requests in the second around the refresh means threads "
				+ "were held up.\n\n" + table.render() + "\n"
				+ "![Request latency around a token refresh, ours and theirs](latency-around-refresh.png)\n\n";
		String summary = "- **Refresh stall** (token endpoint 500 ms): request latency p99 / max in the second "
				+ "around the refresh " + Format.ms(ours.window().p99()) + " / " + Format.ms(ours.window().max())
				+ " ms (ours) vs " + Format.ms(theirs.window().p99()) + " / " + Format.ms(theirs.window().max())
				+ " ms (theirs); see the [chart](latency-around-refresh.png).\n";
		return new Section(summary, body);
	}

	/**
	 * The comparisons of counts and latencies, with the tolerances of the report.
	 */
	static final class Latency {

		/**
		 * Latency rows: ours is worse beyond a quarter more plus 5 ms (20 ms for a
		 * maximum, which one descheduled thread decides).
		 */
		static final String TOLERANCE = "a latency counts as worse beyond 25 % + 5 ms (25 % + 20 ms for a maximum)";

		private Latency() {
		}

		static void count(Shortfalls shortfalls, String row, long ours, long theirs) {
			shortfalls.lowerIsBetter(row, ours, theirs, 0, 0, "ours " + ours + " against theirs " + theirs,
					Shortfalls.NO_DESIGN_REASON);
		}

		static void count(Shortfalls shortfalls, String row, long ours, long theirs, String reason) {
			shortfalls.lowerIsBetter(row, ours, theirs, 0, 0, "ours " + ours + " against theirs " + theirs, reason);
		}

		static void percentiles(Shortfalls shortfalls, String row, Percentiles ours, Percentiles theirs,
				String reason) {
			millis(shortfalls, row + ", p50", ours.p50(), theirs.p50(), 5, reason);
			millis(shortfalls, row + ", p99", ours.p99(), theirs.p99(), 5, reason);
			millis(shortfalls, row + ", max", ours.max(), theirs.max(), 20, reason);
		}

		static void millis(Shortfalls shortfalls, String row, double ours, double theirs, double absolute,
				String reason) {
			shortfalls.lowerIsBetter(row, ours, theirs, 0.25, absolute,
					"ours " + Format.ms(ours) + " ms against theirs " + Format.ms(theirs) + " ms", reason);
		}

	}

}
