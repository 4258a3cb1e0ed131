package dev.conductor.auth.client;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * The connector of a {@code WebClient} whose HTTP client follows redirects, made safe for
 * the Conductor token: a request outside the Conductor API goes through the client's own
 * connector, redirects and all, exactly as without conductor-auth; a request in scope
 * goes through a connector built alike but without redirects, and
 * {@link ConductorAuthExchangeFilter} follows them instead, as {@link RedirectPolicy}
 * says, with the token only on the hops that stay in scope. An HTTP client that followed
 * them would copy the token header to wherever they lead.
 *
 * <p>
 * With the starter, every connector built from Boot's {@code ClientHttpConnectorBuilder}
 * bean is one (that of {@code WebClient.Builder} and those of HTTP service groups),
 * whatever redirects its settings ask for.
 */
public final class ConductorScopedClientHttpConnector implements ClientHttpConnector {

	private final ConductorRequestAuthenticator authenticator;

	private final ClientHttpConnector connector;

	private final Supplier<ClientHttpConnector> withoutRedirects;

	private final RedirectPolicy redirects;

	/**
	 * Create a connector.
	 * @param authenticator what decides which requests are in scope
	 * @param connector the client's own connector
	 * @param withoutRedirects a connector like it that follows no redirect, asked for on
	 * the first request in scope
	 * @param redirects the redirects that the client's own connector follows
	 */
	public ConductorScopedClientHttpConnector(ConductorRequestAuthenticator authenticator,
			ClientHttpConnector connector, Supplier<ClientHttpConnector> withoutRedirects, RedirectPolicy redirects) {
		this.authenticator = authenticator;
		this.connector = connector;
		this.withoutRedirects = withoutRedirects;
		this.redirects = redirects;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		if (!this.authenticator.appliesTo(uri)) {
			return this.connector.connect(method, uri, requestCallback);
		}
		return this.withoutRedirects.get()
			.connect(method, uri,
					(request) -> requestCallback.apply(new RedirectsWithheldRequest(request, this.redirects)));
	}

	@Override
	public String toString() {
		return "ConductorScopedClientHttpConnector[" + this.connector + ", " + this.redirects + "]";
	}

}
