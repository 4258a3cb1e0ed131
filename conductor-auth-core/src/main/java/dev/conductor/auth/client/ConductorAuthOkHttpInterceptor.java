package dev.conductor.auth.client;

import java.io.IOException;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.internal.connection.RealCall;
import org.jspecify.annotations.Nullable;

import dev.conductor.auth.client.ConductorRequestAuthenticator.Rejection;
import dev.conductor.auth.token.FatalAuthenticationException;
import dev.conductor.auth.token.TokenUnavailableException;

/**
 * An OkHttp application interceptor for the official Conductor Java client
 * ({@code org.conductoross:conductor-client}): it puts the Conductor token on every
 * request to the Conductor API, in the authenticator's header after its prefix
 * ({@code X-Authorization: <token>} by default, {@code Authorization: Bearer <token>}
 * behind an OAuth2 gateway), and replaces a token that the server rejects: on a token
 * error (by default a 401 or 403 whose JSON {@code error} is a refresh error; see
 * {@link TokenErrorDetector}), it closes the response, gets the token that replaced the
 * rejected one and replays the request once, through every interceptor added after it. A
 * second rejection, and every other response, goes back to the caller with its whole
 * body; with a rule that reads no body, no body is read at all. Requests to other hosts
 * and to the token endpoint pass through untouched, and so does a request whose body can
 * be sent only once.
 *
 * <p>
 * When no token can be had, the call fails with an {@link IOException} whose cause is the
 * {@link TokenUnavailableException} (a {@link FatalAuthenticationException} once the
 * failure budget is spent), so that asynchronous OkHttp calls fail cleanly too.
 *
 * <p>
 * With the starter, the {@code ConductorClient} bean has it; add it first to a client
 * built by hand, with {@link ConductorAuthHeaderSupplier}:
 *
 * <pre class="code">
 * ConductorClient client = ConductorClient.builder()
 *     .basePath("https://developer.orkescloud.com/api")
 *     .addHeaderSupplier(conductorAuthHeaderSupplier)
 *     .configureOkHttp((okHttp) -&gt; okHttp.addInterceptor(conductorAuthOkHttpInterceptor)
 *         .followRedirects(false))
 *     .build();
 * </pre>
 *
 * OkHttp follows redirects after its application interceptors and keeps the token header
 * on a redirect to another host, so a client that carries the token must not follow them:
 * on a client that does ({@code followRedirects(true)}, OkHttp's default), a request that
 * would carry the token fails with an {@link IOException} that says so, and is not sent.
 */
public final class ConductorAuthOkHttpInterceptor implements Interceptor {

	private static final byte[] NO_BODY = new byte[0];

	private final ConductorRequestAuthenticator authenticator;

	private final ConductorEndpoints endpoints;

	/**
	 * Create an interceptor.
	 * @param authenticator what decides which requests carry which token
	 * @param tokenPath the token endpoint's path below the base URL, such as
	 * {@code /token}: requests to it pass through untouched
	 */
	public ConductorAuthOkHttpInterceptor(ConductorRequestAuthenticator authenticator, String tokenPath) {
		this.authenticator = authenticator;
		this.endpoints = new ConductorEndpoints(authenticator, tokenPath);
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		HttpUrl url = request.url();
		// the path as it lies in the URL's text, found as HttpUrl.encodedPath() finds it
		// but without the copy that it makes on every call
		String text = url.toString();
		int pathStart = text.indexOf('/', url.scheme().length() + 3);
		int pathEnd = pathEnd(text, pathStart);
		if (!this.authenticator.scope().contains(url.scheme(), url.host(), url.port(), text, pathStart, pathEnd)
				|| this.endpoints.isTokenEndpointPath(text, pathStart, pathEnd)) {
			return chain.proceed(request);
		}
		String token;
		try {
			token = this.authenticator.tokenManager().getToken();
		}
		catch (TokenUnavailableException ex) {
			throw noToken(request, ex);
		}
		if (token == null) {
			// the server seemed to have no security: a token error says it wants a token
			// after all, and the manager asks the token endpoint again, within its
			// back-off; this request gets its answer as it is
			Response response = chain.proceed(request);
			this.authenticator.answered(null, rejection(request, response));
			return response;
		}
		if (followsRedirects(chain)) {
			throw new IOException("No Conductor token for " + request.method() + " " + url.encodedPath()
					+ ": its OkHttpClient follows redirects, and OkHttp keeps the " + this.authenticator.getHeaderName()
					+ " header on a redirect to another host. Build the client with followRedirects(false), "
					+ "for a ConductorClient: configureOkHttp((okHttp) -> okHttp.addInterceptor(…).followRedirects(false))");
		}
		Request first = withToken(request, token);
		Response response = chain.proceed(first);
		Rejection rejection = rejection(first, response);
		if (rejection == null) {
			this.authenticator.accepted(token);
			return response;
		}
		if (!isReplayable(first)) {
			// the caller gets the first answer, and the manager still learns of the
			// rejection
			this.authenticator.answered(token, rejection);
			return response;
		}
		response.close();
		String replayToken;
		try {
			replayToken = this.authenticator.replacement(token, rejection);
		}
		catch (TokenUnavailableException ex) {
			throw noToken(request, ex);
		}
		Request replay = withToken(request, replayToken);
		Response second = chain.proceed(replay);
		if (replayToken != null) {
			this.authenticator.answered(replayToken, rejection(replay, second));
		}
		return second;
	}

	/**
	 * Look at a possible token error: by Conductor's rule, at the first
	 * {@link TokenErrorDetector#MAX_BODY_BYTES} of its body, which OkHttp keeps buffered,
	 * so the caller still reads the whole body; by a rule that reads no body, at its
	 * headers only.
	 */
	private @Nullable Rejection rejection(Request request, Response response) throws IOException {
		int status = response.code();
		TokenErrorDetector detector = this.authenticator.detector();
		if (!detector.isCandidate(status)) {
			return null;
		}
		String error;
		if (detector.readsBody()) {
			byte[] prefix = response.peekBody(TokenErrorDetector.MAX_BODY_BYTES).bytes();
			// Conductor's rule, as it always ran here: OkHttp's header(name) is the last
			// value
			error = detector.tokenError(status, prefix, prefix.length, response.header("Content-Encoding"));
		}
		else {
			error = detector.tokenError(status, response::headers, NO_BODY, 0);
		}
		return (error != null) ? Rejection.of(status, error, request.method(), request.url().uri()) : null;
	}

	/**
	 * Where the path of a URL's text ends: at its query or fragment. The scope is decided
	 * on the parts of the parsed {@link HttpUrl}, as the other adapters decide on a
	 * {@link java.net.URI}: {@link HttpUrl#uri()} would encode and parse the URL again on
	 * every request.
	 */
	private static int pathEnd(String url, int pathStart) {
		for (int i = pathStart; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c == '?' || c == '#') {
				return i;
			}
		}
		return url.length();
	}

	/**
	 * Return whether the call's client follows redirects. OkHttp follows them after every
	 * application interceptor, so this one cannot keep the token off them: it refuses to
	 * send the token instead. The client is known only to OkHttp's own call, an internal
	 * type; another call (or another OkHttp) tells nothing.
	 */
	private static boolean followsRedirects(Chain chain) {
		try {
			return chain.call() instanceof RealCall call && call.getClient().followRedirects();
		}
		catch (LinkageError ex) {
			return false;
		}
	}

	/**
	 * Put the token on, or take the header off; a request that already carries just this
	 * token (after the header prefix), as the header supplier puts it on, is left as it
	 * is.
	 */
	private Request withToken(Request request, @Nullable String token) {
		String headerName = this.authenticator.getHeaderName();
		if (token == null) {
			return request.newBuilder().removeHeader(headerName).build();
		}
		String value = this.authenticator.headerValue(token);
		if (carriesOnly(request.headers(), headerName, value)) {
			return request;
		}
		return request.newBuilder().header(headerName, value).build();
	}

	/**
	 * Return whether {@code headers} hold {@code name} once, with {@code value}; unlike
	 * {@link Headers#values(String)}, without making a list on every request.
	 */
	private static boolean carriesOnly(Headers headers, String name, String value) {
		boolean found = false;
		for (int i = 0; i < headers.size(); i++) {
			if (headers.name(i).equalsIgnoreCase(name)) {
				if (found || !headers.value(i).equals(value)) {
					return false;
				}
				found = true;
			}
		}
		return found;
	}

	private static boolean isReplayable(Request request) {
		RequestBody body = request.body();
		return body == null || !(body.isOneShot() || body.isDuplex());
	}

	private static IOException noToken(Request request, TokenUnavailableException ex) {
		return new IOException("No Conductor token for " + request.method() + " " + request.url().encodedPath() + ": "
				+ ex.getMessage(), ex);
	}

	@Override
	public String toString() {
		return "ConductorAuthOkHttpInterceptor[" + this.authenticator.baseUrl() + "]";
	}

}
