package dev.conductor.auth.benchmarks.scenario;

/**
 * The time a request spent getting its token, per thread: each client marks the moment
 * before its authentication step and the moment after it (an interceptor on each side of
 * ours, a header supplier on each side of the official client's), and the load reads the
 * difference after the request. Only the first pass counts: a replay after a rejection is
 * part of the request's latency, not of its wait.
 */
public final class TokenWait {

	private static final ThreadLocal<long[]> MARKS = ThreadLocal.withInitial(() -> new long[2]);

	private TokenWait() {
	}

	/**
	 * Forget the marks of the previous request of this thread.
	 */
	public static void reset() {
		long[] marks = MARKS.get();
		marks[0] = 0;
		marks[1] = 0;
	}

	/**
	 * Mark the moment before the authentication step.
	 */
	public static void before() {
		long[] marks = MARKS.get();
		if (marks[0] == 0) {
			marks[0] = System.nanoTime();
		}
	}

	/**
	 * Mark the moment after the authentication step.
	 */
	public static void after() {
		long[] marks = MARKS.get();
		if (marks[0] != 0 && marks[1] == 0) {
			marks[1] = System.nanoTime();
		}
	}

	/**
	 * Return the wait of this thread's request.
	 * @param endNanos when the request ended, the end of a wait that never finished
	 * @return the nanoseconds between the two marks, 0 without the first
	 */
	public static long nanos(long endNanos) {
		long[] marks = MARKS.get();
		if (marks[0] == 0) {
			return 0;
		}
		return ((marks[1] != 0) ? marks[1] : endNanos) - marks[0];
	}

}
