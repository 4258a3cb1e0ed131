package dev.conductor.auth.client;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;

/**
 * A {@code WebClient} request in scope that a {@link ConductorScopedClientHttpConnector}
 * sends without the HTTP client's own redirects: it tells
 * {@link ConductorAuthExchangeFilter}, which sees it through
 * {@code ClientRequest.httpRequest(…)} as it goes out, which redirects the client was
 * built to follow, so that the filter follows them itself and keeps the token only on the
 * hops that stay in scope. A request sent otherwise (through a connector built by hand)
 * gets no redirect followed by the filter: its HTTP client did what it was built to do.
 */
final class RedirectsWithheldRequest extends ClientHttpRequestDecorator {

	private final RedirectPolicy redirects;

	RedirectsWithheldRequest(ClientHttpRequest delegate, RedirectPolicy redirects) {
		super(delegate);
		this.redirects = redirects;
	}

	/**
	 * The redirects that the adapter follows for a request as the HTTP client got it:
	 * those that were withheld, none when it was sent otherwise.
	 */
	static RedirectPolicy of(@Nullable ClientHttpRequest request) {
		return (request instanceof RedirectsWithheldRequest withheld) ? withheld.redirects : RedirectPolicy.DONT_FOLLOW;
	}

}
