package dev.conductor.auth.benchmarks.scenario;

/**
 * A client of the Conductor API as the scenarios drive it: a task poll that reports the
 * HTTP status it ended with, whatever the client under test does to authenticate it.
 */
public interface ScenarioClient extends AutoCloseable {

	/**
	 * The status of a poll that failed before an HTTP answer reached the caller.
	 */
	int NO_ANSWER = 0;

	/**
	 * Poll for a task of the given type, as a worker does.
	 * @param taskType the task type
	 * @return the HTTP status the caller got, or {@link #NO_ANSWER} when the client threw
	 * without one
	 */
	int poll(String taskType);

	@Override
	void close();

}
