package dev.conductor.auth.event;

/**
 * Why a Conductor token was minted.
 *
 * @see ConductorTokenRefreshedEvent
 */
public enum RefreshReason {

	/**
	 * The first token of the application.
	 */
	INITIAL,

	/**
	 * The current token was close to its expiry and was replaced in the background.
	 */
	SCHEDULED,

	/**
	 * The current token had expired and callers waited for a new one.
	 */
	EXPIRED,

	/**
	 * The server rejected the current token.
	 */
	REJECTED,

	/**
	 * The first token after the failure budget was spent: authentication works again.
	 */
	RECOVERED

}
