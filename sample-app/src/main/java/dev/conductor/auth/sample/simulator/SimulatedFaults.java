package dev.conductor.auth.sample.simulator;

import java.time.Clock;
import java.time.Duration;

/**
 * What the controls do to the simulator's token endpoint, whichever issues the tokens:
 * take it down for a while, and slow it down.
 */
final class SimulatedFaults {

	private final Clock clock;

	private volatile long outageUntil;

	private volatile Duration latency = Duration.ZERO;

	SimulatedFaults(Clock clock) {
		this.clock = clock;
	}

	void outage(Duration duration) {
		this.outageUntil = this.clock.millis() + duration.toMillis();
	}

	void latency(Duration latency) {
		this.latency = latency;
	}

	/**
	 * Wait for the latency, then tell whether the token endpoint is down: a token request
	 * calls it first.
	 */
	boolean delayThenDown() {
		sleep(this.latency);
		return this.clock.millis() < this.outageUntil;
	}

	private static void sleep(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			// a simulated slow server: this thread is the server's, not a caller's
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
