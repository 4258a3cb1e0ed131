package dev.conductor.auth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

import dev.conductor.auth.client.ConductorRequestAuthenticator.Rejection;

/**
 * Puts the Conductor token on every request of a {@code RestClient} or
 * {@code RestTemplate} to the Conductor API, in the authenticator's header after its
 * prefix ({@code X-Authorization: <token>} by default,
 * {@code Authorization: Bearer <token>} behind an OAuth2 gateway), and replaces a token
 * that the server rejects: on a token error (by default a 401 or 403 whose JSON
 * {@code error} is a refresh error; see {@link TokenErrorDetector}), it closes the
 * response, gets the token that replaced the rejected one and replays the request once,
 * through every interceptor registered after it. A second rejection, and every other
 * response, goes back to the caller with its whole body; with a rule that reads no body,
 * no body is read at all. Requests to other hosts pass through untouched.
 *
 * <p>
 * Redirects of a request to the Conductor API: a client built from Boot's builders sends
 * it through a {@link ConductorScopedRequestFactory}, whose HTTP client follows no
 * redirect with the token, and this interceptor follows the redirects that the client was
 * built to follow itself, putting the token only on the hops that stay within the
 * Conductor API. With another request factory it follows none: the HTTP client does what
 * it was built to do, and one that follows redirects on its own would copy the token to
 * wherever they lead, so give a client built by hand a request factory that does not.
 *
 * <p>
 * With the starter, every client built from Boot's {@code RestClient.Builder} or
 * {@code RestTemplateBuilder} has it; a client built by hand can take the bean:
 *
 * <pre class="code">
 * RestClient conductor = RestClient.builder()
 *     .baseUrl("https://developer.orkescloud.com/api")
 *     .requestInterceptor(conductorAuthInterceptor)
 *     .build();
 * </pre>
 */
public final class ConductorAuthInterceptor implements ClientHttpRequestInterceptor {

	private static final byte[] NO_BODY = new byte[0];

	private final ConductorRequestAuthenticator authenticator;

	/**
	 * Create an interceptor.
	 * @param authenticator what decides which requests carry which token
	 */
	public ConductorAuthInterceptor(ConductorRequestAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.authenticator.appliesTo(request.getURI())) {
			return execution.execute(request, body);
		}
		RedirectHandoff handoff = RedirectHandoff.open();
		try {
			ClientHttpResponse response = exchange(request, body, execution);
			return Redirects.isRedirect(response.getStatusCode().value())
					? followRedirects(request, body, execution, handoff, response) : response;
		}
		finally {
			handoff.close();
		}
	}

	/**
	 * Follow the redirects that the request factory left to this interceptor: only from a
	 * hop in scope, since the HTTP client follows those of the others itself.
	 */
	private ClientHttpResponse followRedirects(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
			RedirectHandoff handoff, ClientHttpResponse first) throws IOException {
		ClientHttpResponse response = first;
		HttpRequest current = request;
		byte[] currentBody = body;
		for (int hops = 0; hops < Redirects.MAX_HOPS; hops++) {
			Redirects.Hop hop = Redirects.next(handoff.policy(), current.getMethod().name(), current.getURI(),
					response.getStatusCode().value(), response.getHeaders().getFirst(HttpHeaders.LOCATION));
			if (hop == null) {
				return response;
			}
			response.close();
			current = redirected(current, hop);
			currentBody = hop.keepsBody() ? currentBody : new byte[0];
			if (!this.authenticator.appliesTo(current.getURI())) {
				// out of scope: its HTTP client follows the hop's redirects as it was
				// built to
				return execution.execute(current, currentBody);
			}
			response = exchange(current, currentBody, execution);
		}
		return response;
	}

	/**
	 * Send one request in scope with the token, replaying it once after a token error.
	 * What nearly every request runs stays short, so that the JIT compiler can inline it
	 * with the rest of the chain; every other case has a method of its own.
	 */
	private ClientHttpResponse exchange(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String token = this.authenticator.tokenManager().getToken();
		if (token == null) {
			return exchangeWithoutToken(request, body, execution);
		}
		request.getHeaders().set(this.authenticator.getHeaderName(), this.authenticator.headerValue(token));
		ClientHttpResponse response = execution.execute(request, body);
		if (this.authenticator.detector().isCandidate(response.getStatusCode().value())) {
			return replayIfRejected(request, body, execution, token, peekIfCandidate(response));
		}
		this.authenticator.accepted(token);
		return response;
	}

	/**
	 * Send a request without a token: the server seemed to have no security. A token
	 * error says it wants a token after all, and the manager asks the token endpoint
	 * again, within its back-off; this request gets its answer as it is.
	 */
	private ClientHttpResponse exchangeWithoutToken(HttpRequest request, byte[] body,
			ClientHttpRequestExecution execution) throws IOException {
		ClientHttpResponse response = peekIfCandidate(execution.execute(request, body));
		this.authenticator.answered(null, rejection(request, response));
		return response;
	}

	/**
	 * Look at a 401 or 403: the caller gets it unless it is a token error, after which
	 * the request is sent once more with the token that replaced the rejected one.
	 */
	private ClientHttpResponse replayIfRejected(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
			String token, ClientHttpResponse response) throws IOException {
		Rejection rejection = rejection(request, response);
		if (rejection == null) {
			this.authenticator.accepted(token);
			return response;
		}
		response.close();
		String replayToken = this.authenticator.replacement(token, rejection);
		HttpRequest replay = withToken(request, replayToken);
		ClientHttpResponse second = peekIfCandidate(execution.execute(replay, body));
		if (replayToken != null) {
			this.authenticator.answered(replayToken, rejection(replay, second));
		}
		return second;
	}

	/**
	 * Read the first {@link TokenErrorDetector#MAX_BODY_BYTES} of a possible token error,
	 * so that they can be looked at, in a response whose body stream gives them back;
	 * leave the body alone when the detector reads none.
	 */
	private ClientHttpResponse peekIfCandidate(ClientHttpResponse response) throws IOException {
		TokenErrorDetector detector = this.authenticator.detector();
		return (detector.isCandidate(response.getStatusCode().value()) && detector.readsBody())
				? new PeekableResponse(response) : response;
	}

	private @Nullable Rejection rejection(HttpRequest request, ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		TokenErrorDetector detector = this.authenticator.detector();
		if (!detector.isCandidate(status)) {
			return null;
		}
		HttpHeaders headers = response.getHeaders();
		String error = (response instanceof PeekableResponse peekable)
				? detector.tokenError(status, (name) -> values(headers, name), peekable.prefix, peekable.prefixLength)
				: detector.tokenError(status, (name) -> values(headers, name), NO_BODY, 0);
		return (error != null) ? Rejection.of(status, error, request.getMethod().name(), request.getURI()) : null;
	}

	/**
	 * Every value of a header, line by line: {@code HttpHeaders.get} takes an
	 * {@code Object} on Spring Framework 6.2 and a {@code String} on 7.0, so a call
	 * compiled against one does not link on the other.
	 */
	private static List<String> values(HttpHeaders headers, String name) {
		List<String> values = new ArrayList<>(1);
		headers.forEach((key, lines) -> {
			if (key.equalsIgnoreCase(name)) {
				values.addAll(lines);
			}
		});
		return values;
	}

	/**
	 * The request that follows a redirect: never with our header (the next exchange puts
	 * the token back only if the target is in scope), and without credentials of the
	 * caller's own when it leaves the origin, as browsers do.
	 */
	private HttpRequest redirected(HttpRequest request, Redirects.Hop hop) {
		HttpHeaders headers = copyOf(request.getHeaders());
		HeaderRemoval.remove(headers, this.authenticator.getHeaderName());
		if (!Redirects.sameOrigin(request.getURI(), hop.uri())) {
			HeaderRemoval.remove(headers, HttpHeaders.AUTHORIZATION);
			HeaderRemoval.remove(headers, HttpHeaders.COOKIE);
		}
		if (!hop.keepsBody()) {
			HeaderRemoval.remove(headers, HttpHeaders.CONTENT_TYPE);
			HeaderRemoval.remove(headers, HttpHeaders.CONTENT_LENGTH);
		}
		HttpMethod method = HttpMethod.valueOf(hop.method());
		return new HttpRequestWrapper(request) {

			@Override
			public HttpMethod getMethod() {
				return method;
			}

			@Override
			public URI getURI() {
				return hop.uri();
			}

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

	private HttpRequest withToken(HttpRequest request, @Nullable String token) {
		HttpHeaders headers = copyOf(request.getHeaders());
		if (token != null) {
			headers.set(this.authenticator.getHeaderName(), this.authenticator.headerValue(token));
		}
		else {
			HeaderRemoval.remove(headers, this.authenticator.getHeaderName());
		}
		return new HttpRequestWrapper(request) {

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

	/**
	 * A copy of headers, one header at a time: {@code putAll} of other headers compiles
	 * to {@code putAll(Map)} against Spring Framework 6.2, which 7.0 has but cannot run
	 * with its headers (no {@code Map}), and to {@code putAll(HttpHeaders)} against 7.0,
	 * which 6.2 lacks. The copy has lists of its own, so that changing it leaves the
	 * request's alone.
	 */
	private static HttpHeaders copyOf(HttpHeaders headers) {
		HttpHeaders copy = new HttpHeaders();
		headers.forEach(copy::addAll);
		return copy;
	}

	/**
	 * A response whose first bytes were read to look for a token error, and whose body
	 * stream gives them back before the rest.
	 */
	private static final class PeekableResponse implements ClientHttpResponse {

		private final ClientHttpResponse delegate;

		private final byte[] prefix;

		private final int prefixLength;

		private final InputStream body;

		private PeekableResponse(ClientHttpResponse delegate) throws IOException {
			this.delegate = delegate;
			InputStream original = delegate.getBody();
			this.prefix = original.readNBytes(TokenErrorDetector.MAX_BODY_BYTES);
			this.prefixLength = this.prefix.length;
			this.body = new SequenceInputStream(new ByteArrayInputStream(this.prefix), original);
		}

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.delegate.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.delegate.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.delegate.getHeaders();
		}

		@Override
		public InputStream getBody() {
			return this.body;
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

}
