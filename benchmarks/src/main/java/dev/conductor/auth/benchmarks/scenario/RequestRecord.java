package dev.conductor.auth.benchmarks.scenario;

/**
 * One request of a scenario: when it started (relative to the scenario's origin), how
 * long it took, how long of that it waited for its token, and the status the caller got.
 *
 * @param startNanos the start, in nanoseconds after the scenario's origin
 * @param latencyNanos the whole request, as the caller saw it
 * @param waitNanos the part spent getting the token
 * @param status the HTTP status, or {@link ScenarioClient#NO_ANSWER}
 */
public record RequestRecord(long startNanos, long latencyNanos, long waitNanos, int status) {

	/**
	 * Whether the caller got what it asked for.
	 * @return whether the status is 200
	 */
	public boolean succeeded() {
		return this.status == 200;
	}

}
