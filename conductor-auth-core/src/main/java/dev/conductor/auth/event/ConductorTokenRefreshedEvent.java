package dev.conductor.auth.event;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a Conductor token was minted.
 *
 * <pre class="code">
 * &#064;EventListener
 * void onRefreshed(ConductorTokenRefreshedEvent event) {
 *     log.info("Conductor token {} until {}", event.getReason(), event.getExpiresAt());
 * }
 * </pre>
 */
public final class ConductorTokenRefreshedEvent extends ApplicationEvent {

	/** Why the token was minted. */
	private final RefreshReason reason;

	/** When the token expires. */
	private final Instant expiresAt;

	/** The attempt that minted it (1 unless earlier ones failed). */
	private final int attempt;

	/**
	 * Create a new event.
	 * @param source the token manager that minted the token
	 * @param clock the clock that stamps the event
	 * @param reason why the token was minted
	 * @param expiresAt when the new token expires
	 * @param attempt the attempt that succeeded, 1 for the first try
	 */
	public ConductorTokenRefreshedEvent(Object source, Clock clock, RefreshReason reason, Instant expiresAt,
			int attempt) {
		super(source, clock);
		this.reason = reason;
		this.expiresAt = expiresAt;
		this.attempt = attempt;
	}

	/**
	 * Return why the token was minted.
	 * @return the reason
	 */
	public RefreshReason getReason() {
		return this.reason;
	}

	/**
	 * Return when the new token expires.
	 * @return the expiry
	 */
	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	/**
	 * Return the attempt that succeeded: 1 for the first try, more after failed attempts.
	 * @return the attempt
	 */
	public int getAttempt() {
		return this.attempt;
	}

	@Override
	public String toString() {
		return "ConductorTokenRefreshedEvent[reason=" + this.reason + ", expiresAt=" + this.expiresAt + ", attempt="
				+ this.attempt + "]";
	}

}
