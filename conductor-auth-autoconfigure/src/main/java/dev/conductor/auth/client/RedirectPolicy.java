package dev.conductor.auth.client;

/**
 * Whether the Spring adapters follow redirects themselves. The starter switches the
 * automatic redirects of Boot's HTTP clients off and sets this to what
 * {@code spring.http.clients.redirects} asked for: an HTTP client that follows a redirect
 * on its own copies the token header to wherever it leads, while an adapter puts the
 * token only on the hops that stay within the Conductor API.
 */
public enum RedirectPolicy {

	/**
	 * Follow redirects, except from https to http.
	 */
	FOLLOW_WHEN_POSSIBLE,

	/**
	 * Follow every redirect.
	 */
	FOLLOW,

	/**
	 * Leave redirects to the caller.
	 */
	DONT_FOLLOW

}
