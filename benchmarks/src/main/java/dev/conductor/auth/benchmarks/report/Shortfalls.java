package dev.conductor.auth.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row of the results on which our figure is worse than the official client's, with
 * the reason, so that the report states them all plainly. A row counts as worse only
 * beyond a tolerance, so that the noise of a shared machine does not fill the list; the
 * tolerance of each kind of row is part of the report.
 */
final class Shortfalls {

	/**
	 * The reason given for a row whose difference no design choice explains.
	 */
	static final String NO_DESIGN_REASON = "No design reason is known: this row does not depend on how the token is "
			+ "handled (both sides send their requests with the same OkHttp client). Treat it as noise of the shared "
			+ "machine unless it repeats from run to run.";

	private final Map<String, List<String>> rowsByReason = new LinkedHashMap<>();

	/**
	 * Compare a row where lower is better, and note it when ours is worse by more than
	 * {@code relative} times theirs plus {@code absolute}.
	 * @return whether ours is worse
	 */
	boolean lowerIsBetter(String row, double ours, double theirs, double relative, double absolute, String shown,
			String reason) {
		boolean worse = ours > theirs * (1 + relative) + absolute;
		if (worse) {
			this.rowsByReason.computeIfAbsent(reason, (key) -> new ArrayList<>()).add("**" + row + "**: " + shown);
		}
		return worse;
	}

	/**
	 * How many rows fall short.
	 */
	int count() {
		return this.rowsByReason.values().stream().mapToInt(List::size).sum();
	}

	/**
	 * The rows that fall short, those with the same reason together, each group followed
	 * by its reason.
	 */
	List<String> entries() {
		List<String> entries = new ArrayList<>();
		this.rowsByReason.forEach((reason, rows) -> entries.add(String.join("; ", rows) + ". " + reason));
		return entries;
	}

}
