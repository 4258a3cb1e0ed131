package dev.conductor.auth.benchmarks.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * What the two endpoints of a {@link ConductorStub} share: the settings that the
 * scenarios change as they run, the tokens issued, and the counts.
 */
final class StubState {

	final AtomicLong serial = new AtomicLong();

	final Map<String, Issued> issued = new ConcurrentHashMap<>();

	final List<Long> tokenCallNanos = new ArrayList<>();

	final LongAdder tokenCalls = new LongAdder();

	final LongAdder tokenFailures = new LongAdder();

	final LongAdder apiRequests = new LongAdder();

	final LongAdder apiAccepted = new LongAdder();

	final LongAdder withoutValidToken = new LongAdder();

	volatile long lifetimeMillis;

	volatile int tokenLatencyMillis;

	volatile int apiLatencyMillis;

	volatile boolean tokenDown;

	volatile boolean rejectAll;

	volatile long revokedUpTo;

	volatile ConductorStub.@Nullable TokenCallListener listener;

	/**
	 * A token the stub issued: its serial number and when its {@code exp} passes.
	 *
	 * @param serial the serial number, from 1
	 * @param expiresAtMillis the {@code exp} in epoch milliseconds
	 */
	record Issued(long serial, long expiresAtMillis) {
	}

}
