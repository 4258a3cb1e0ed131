package dev.conductor.auth.client;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ConductorScopedRequestFactory} or
 * {@link ConductorScopedClientHttpConnector} tells the adapter about a request in scope
 * that it sent: that the HTTP client's own redirects were off for it, and which redirects
 * the client was built to follow, so that the adapter follows them itself and keeps the
 * token only on the hops that stay in scope. A request that no one reports on (a client
 * built by hand) gets no redirect followed by the adapter: its HTTP client did what it
 * was built to do.
 *
 * <p>
 * The interceptor hands it over in the request's attributes, which Spring copies to the
 * request that the request factory creates; the filter in the Reactor context of the
 * exchange.
 */
final class RedirectHandoff {

	/**
	 * The request attribute that holds it.
	 */
	static final String ATTRIBUTE = RedirectHandoff.class.getName();

	private volatile @Nullable RedirectPolicy withheld;

	/**
	 * Report that the HTTP client sent the request without following redirects, although
	 * it was built to follow them as {@code policy} says.
	 */
	void withheld(RedirectPolicy policy) {
		this.withheld = policy;
	}

	/**
	 * The redirects that the adapter follows: those that were withheld, none when nothing
	 * was reported.
	 */
	RedirectPolicy policy() {
		RedirectPolicy policy = this.withheld;
		return (policy != null) ? policy : RedirectPolicy.DONT_FOLLOW;
	}

}
