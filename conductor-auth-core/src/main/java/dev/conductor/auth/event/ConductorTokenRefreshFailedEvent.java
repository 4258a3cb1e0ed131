package dev.conductor.auth.event;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an attempt to mint a Conductor token failed and another attempt will
 * follow after {@link #getNextAttemptDelay()}.
 *
 * <pre class="code">
 * &#064;EventListener
 * void onFailed(ConductorTokenRefreshFailedEvent event) {
 *     log.warn("Conductor token attempt {}/{} failed, next in {}: {}", event.getAttempt(),
 *             event.getMaxAttempts(), event.getNextAttemptDelay(), event.getCause().getMessage());
 * }
 * </pre>
 */
public final class ConductorTokenRefreshFailedEvent extends ApplicationEvent {

	/** Consecutive failed attempts, this one included. */
	private final int attempt;

	/** Failed attempts that spend the budget. */
	private final int maxAttempts;

	/** What this attempt met. */
	private final Throwable cause;

	/** Delay before the next attempt. */
	private final Duration nextAttemptDelay;

	/**
	 * Create a new event.
	 * @param source the token manager
	 * @param clock the clock that stamps the event
	 * @param attempt the number of consecutive failed attempts, this one included
	 * @param maxAttempts the consecutive failed attempts that spend the budget
	 * @param cause why the attempt failed
	 * @param nextAttemptDelay the delay before the next attempt
	 */
	public ConductorTokenRefreshFailedEvent(Object source, Clock clock, int attempt, int maxAttempts, Throwable cause,
			Duration nextAttemptDelay) {
		super(source, clock);
		this.attempt = attempt;
		this.maxAttempts = maxAttempts;
		this.cause = cause;
		this.nextAttemptDelay = nextAttemptDelay;
	}

	/**
	 * Return the number of consecutive failed attempts, this one included.
	 * @return the attempt
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Return the number of consecutive failed attempts that spends the failure budget.
	 * @return the maximum attempts
	 */
	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Return why the attempt failed. Its message says what the token endpoint answered,
	 * never the key secret or a token.
	 * @return the cause
	 */
	public Throwable getCause() {
		return this.cause;
	}

	/**
	 * Return the delay before the next attempt.
	 * @return the delay
	 */
	public Duration getNextAttemptDelay() {
		return this.nextAttemptDelay;
	}

	@Override
	public String toString() {
		return "ConductorTokenRefreshFailedEvent[attempt=" + this.attempt + "/" + this.maxAttempts
				+ ", nextAttemptDelay=" + this.nextAttemptDelay + ", cause=" + this.cause + "]";
	}

}
