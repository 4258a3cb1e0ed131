package dev.conductor.auth.token;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How long to wait after each consecutive failed attempt, and when to stop: spring-core's
 * {@link ExponentialBackOff}, each delay spread by up to a tenth either way (never below
 * the initial interval nor above the longest), so that many instances of an application
 * that lost the token endpoint at the same moment do not come back at the same moment.
 * The spread and the count are applied here rather than through the back-off's own jitter
 * and attempt settings, which Spring Framework 6.2 lacks or types differently: the token
 * layer runs on both lines.
 */
final class FailureBudget {

	private final ExponentialBackOff backOff;

	private final int maxAttempts;

	private final Duration maxInterval;

	FailureBudget(int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval) {
		this.maxAttempts = maxAttempts;
		this.maxInterval = maxInterval;
		this.backOff = new ExponentialBackOff(SaturatingTime.millis(initialInterval), multiplier);
		this.backOff.setMaxInterval(SaturatingTime.millis(maxInterval));
	}

	/**
	 * Return the delay before the next attempt.
	 * @param failures the consecutive failed attempts so far
	 * @return the delay in milliseconds, or {@link BackOffExecution#STOP} when the budget
	 * is spent
	 */
	long delayAfter(int failures) {
		if (failures >= this.maxAttempts) {
			return BackOffExecution.STOP;
		}
		BackOffExecution execution = this.backOff.start();
		long delay = BackOffExecution.STOP;
		for (int i = 0; i < failures; i++) {
			delay = execution.nextBackOff();
		}
		return spread(delay);
	}

	private long spread(long delay) {
		long tenth = delay / 10;
		long spread = delay - tenth + ThreadLocalRandom.current().nextLong(2 * tenth + 1);
		return Math.max(this.backOff.getInitialInterval(), Math.min(spread, this.backOff.getMaxInterval()));
	}

	int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * The interval of attempts once the budget is spent: never shorter than the longest
	 * back-off.
	 */
	Duration maxInterval() {
		return this.maxInterval;
	}

	long maxIntervalMillis() {
		return SaturatingTime.millis(this.maxInterval);
	}

	/**
	 * Return the delay before the first attempt once the budget is spent: drawn between
	 * nothing and the longest back-off, the phase of this instance's attempts from then
	 * on. Many instances that lost the token endpoint together thus spread their attempts
	 * evenly over one longest back-off, and each is back within one longest back-off of
	 * the endpoint's return.
	 * @return the delay in milliseconds
	 */
	long firstDelayOnceSpent() {
		return 1 + ThreadLocalRandom.current().nextLong(maxIntervalMillis());
	}

	/**
	 * Return the delay between the later attempts once the budget is spent: the longest
	 * back-off, less up to a tenth of it. Near constant, so that the phases stay spread
	 * evenly (delays drawn from a wide range would bunch a fleet's attempts at the start
	 * of the interval); not quite constant, so that attempts that something held up
	 * together (a pause of a machine that runs many instances) drift apart again.
	 * @return the delay in milliseconds
	 */
	long delayOnceSpent() {
		long max = maxIntervalMillis();
		return max - ThreadLocalRandom.current().nextLong(max / 10 + 1);
	}

}
