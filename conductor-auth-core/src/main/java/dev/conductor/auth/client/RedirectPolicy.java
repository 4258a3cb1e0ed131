package dev.conductor.auth.client;

/**
 * Which redirects an HTTP client was built to follow, as Boot's
 * {@code HttpClientSettings} say it. For a request that carries the token,
 * {@link ConductorScopedRequestFactory} and {@link ConductorScopedClientHttpConnector}
 * switch the HTTP client's own redirects off (it would copy the token header to wherever
 * they lead) and the adapter follows these redirects itself, putting the token only on
 * the hops that stay within the Conductor API.
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
