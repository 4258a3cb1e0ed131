package dev.conductor.auth.event;

import java.time.Clock;

import org.springframework.context.ApplicationEvent;

/**
 * Published once when the failure budget is spent and no valid Conductor token is left:
 * the application can no longer authenticate. By default the starter then exits the
 * application with {@link #getExitCode()}.
 *
 * <pre class="code">
 * &#064;EventListener
 * void onFatal(ConductorAuthenticationFatalEvent event) {
 *     alerts.page("Conductor authentication lost: " + event.getLastCause().getMessage());
 * }
 * </pre>
 */
public final class ConductorAuthenticationFatalEvent extends ApplicationEvent {

	/** Consecutive failed attempts that spent the budget. */
	private final int attempts;

	/** What the last attempt met. */
	private final Throwable lastCause;

	/** Exit code of the process in the fatal state. */
	private final int exitCode;

	/**
	 * Create a new event.
	 * @param source the token manager
	 * @param clock the clock that stamps the event
	 * @param attempts the consecutive failed attempts that spent the budget
	 * @param lastCause why the last attempt failed
	 * @param exitCode the configured process exit code
	 */
	public ConductorAuthenticationFatalEvent(Object source, Clock clock, int attempts, Throwable lastCause,
			int exitCode) {
		super(source, clock);
		this.attempts = attempts;
		this.lastCause = lastCause;
		this.exitCode = exitCode;
	}

	/**
	 * Return the number of consecutive failed attempts that spent the budget.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Return why the last attempt failed.
	 * @return the last cause
	 */
	public Throwable getLastCause() {
		return this.lastCause;
	}

	/**
	 * Return the configured process exit code.
	 * @return the exit code
	 */
	public int getExitCode() {
		return this.exitCode;
	}

	@Override
	public String toString() {
		return "ConductorAuthenticationFatalEvent[attempts=" + this.attempts + ", exitCode=" + this.exitCode
				+ ", lastCause=" + this.lastCause + "]";
	}

}
