package dev.conductor.auth.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The request factory of a {@code RestClient} or {@code RestTemplate} whose HTTP client
 * follows redirects, made safe for the Conductor token: a request outside the Conductor
 * API goes through the client's own request factory, redirects and all, exactly as
 * without conductor-auth; a request in scope goes through a request factory built alike
 * but without redirects, and {@link ConductorAuthInterceptor} follows them instead, as
 * {@link RedirectPolicy} says, with the token only on the hops that stay in scope. An
 * HTTP client that followed them would copy the token header to wherever they lead.
 *
 * <p>
 * With the starter, every request factory built from Boot's
 * {@code ClientHttpRequestFactoryBuilder} bean is one (those of
 * {@code RestClient.Builder}, {@code RestTemplateBuilder} and HTTP service groups),
 * whatever redirects its settings ask for.
 */
public final class ConductorScopedRequestFactory implements ClientHttpRequestFactory {

	private final ConductorRequestAuthenticator authenticator;

	private final ClientHttpRequestFactory requestFactory;

	private final Supplier<ClientHttpRequestFactory> withoutRedirects;

	private final RedirectPolicy redirects;

	/**
	 * Create a request factory.
	 * @param authenticator what decides which requests are in scope
	 * @param requestFactory the client's own request factory
	 * @param withoutRedirects a request factory like it that follows no redirect, asked
	 * for on the first request in scope
	 * @param redirects the redirects that the client's own request factory follows
	 */
	public ConductorScopedRequestFactory(ConductorRequestAuthenticator authenticator,
			ClientHttpRequestFactory requestFactory, Supplier<ClientHttpRequestFactory> withoutRedirects,
			RedirectPolicy redirects) {
		this.authenticator = authenticator;
		this.requestFactory = requestFactory;
		this.withoutRedirects = withoutRedirects;
		this.redirects = redirects;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		if (!this.authenticator.appliesTo(uri)) {
			return this.requestFactory.createRequest(uri, httpMethod);
		}
		return new InScope(this.withoutRedirects.get().createRequest(uri, httpMethod), this.redirects);
	}

	@Override
	public String toString() {
		return "ConductorScopedRequestFactory[" + this.requestFactory + ", " + this.redirects + "]";
	}

	/**
	 * A request in scope: it tells the interceptor, when it goes out, which redirects it
	 * has to follow.
	 */
	private static final class InScope implements ClientHttpRequest {

		private final ClientHttpRequest delegate;

		private final RedirectPolicy redirects;

		private InScope(ClientHttpRequest delegate, RedirectPolicy redirects) {
			this.delegate = delegate;
			this.redirects = redirects;
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			RedirectHandoff.withheld(this.redirects);
			return this.delegate.execute();
		}

		@Override
		public OutputStream getBody() throws IOException {
			return this.delegate.getBody();
		}

		@Override
		public HttpMethod getMethod() {
			return this.delegate.getMethod();
		}

		@Override
		public URI getURI() {
			return this.delegate.getURI();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.delegate.getAttributes();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.delegate.getHeaders();
		}

	}

}
