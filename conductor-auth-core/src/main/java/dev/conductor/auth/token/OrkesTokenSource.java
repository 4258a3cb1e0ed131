package dev.conductor.auth.token;

import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.conductor.auth.http.TokenEndpointHttpClient;
import dev.conductor.auth.json.JsonCodec;

/**
 * The default {@link ConductorTokenSource}: an Orkes application key minted at the
 * Conductor token endpoint, {@code POST {base-url}{token-path}} with the key id and
 * secret, answered by {@code {"token":"…"}}. The token comes with the {@code Date} of the
 * answer as its {@link ConductorToken#issuedAt() issuedAt}, the server's clock against
 * which a JWT without an {@code iat} claim is measured; a 404 means that the server has
 * no security and wants no token.
 * <p>
 * Uses an HTTP client of its own (the JDK's, which unlike {@code HttpURLConnection} keeps
 * the body of a 401), with a connect timeout and a read timeout that bounds the whole
 * exchange, never follows a redirect, carries no interceptor, and reads at most 64 KiB of
 * an answer. {@link #close()} stops that client's threads. A manager built with
 * {@link ConductorTokenManager#builder(URI, String, String)} makes one of its own and
 * closes it; one handed to {@link ConductorTokenManager#builder(ConductorTokenSource)} is
 * closed by its owner.
 *
 * <pre class="code">
 * OrkesTokenSource source = new OrkesTokenSource(URI.create("https://developer.orkescloud.com/api/token"),
 *         keyId, keySecret, Duration.ofSeconds(5), Duration.ofSeconds(10));
 * ConductorTokenManager tokens = ConductorTokenManager.builder(source).build();
 * </pre>
 */
public final class OrkesTokenSource implements ConductorTokenSource, AutoCloseable {

	private final String description;

	private final URI uri;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final byte[] requestBody;

	private final TokenEndpointHttpClient http;

	private final RestClient restClient;

	private final TokenAnswers answers;

	/**
	 * Create a source for the given token endpoint.
	 * @param uri the token endpoint, {@code base-url} + {@code token-path}
	 * @param keyId the application key id
	 * @param keySecret the application key secret
	 * @param connectTimeout the longest wait for a connection
	 * @param readTimeout the longest wait for the whole answer
	 */
	public OrkesTokenSource(URI uri, String keyId, String keySecret, Duration connectTimeout, Duration readTimeout) {
		this(uri, keyId, keySecret, connectTimeout, readTimeout, Clock.systemUTC());
	}

	/**
	 * Create a source whose clock reads an HTTP-date {@code Retry-After}.
	 */
	OrkesTokenSource(URI uri, String keyId, String keySecret, Duration connectTimeout, Duration readTimeout,
			Clock clock) {
		checkKey(uri, keyId, keySecret);
		checkTimeout(connectTimeout, "Connect timeout");
		checkTimeout(readTimeout, "Read timeout");
		this.uri = uri;
		this.description = describe(uri);
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		Map<String, String> credentials = new LinkedHashMap<>();
		credentials.put("keyId", keyId);
		credentials.put("keySecret", keySecret);
		this.requestBody = JsonCodec.get().writeStringFields(credentials);
		this.http = new TokenEndpointHttpClient("conductor-auth-http-", connectTimeout, readTimeout);
		this.restClient = RestClient.builder().requestFactory(this.http.requestFactory()).build();
		this.answers = new TokenAnswers(this.description, keySecret, clock);
	}

	/**
	 * Check what a token endpoint needs, before anything is built with it.
	 */
	static void checkKey(URI uri, String keyId, String keySecret) {
		Assert.isTrue(uri.isAbsolute() && uri.getHost() != null,
				() -> "Token URI must be an absolute http(s) URL, not '" + uri + "'");
		Assert.hasText(keyId, "Key id must not be empty");
		Assert.hasText(keySecret, "Key secret must not be empty");
	}

	/**
	 * The request to {@code uri}, without the URL's userinfo or query.
	 */
	static String describe(URI uri) {
		return "POST " + uri.getScheme() + "://" + uri.getRawAuthority().replaceFirst("^.*@", "") + uri.getRawPath();
	}

	static Duration checkTimeout(Duration timeout, String name) {
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), () -> name + " must be positive");
		return timeout;
	}

	/**
	 * Mint a new token.
	 * @return the token with the {@code Date} of the answer as its {@code issuedAt}, or
	 * {@code null} when the endpoint answered 404: the server has no security and wants
	 * no token
	 * @throws TokenMintException when the attempt failed
	 */
	@Override
	public @Nullable ConductorToken obtainToken() {
		try {
			return this.restClient.post()
				.uri(this.uri)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(this.requestBody)
				.exchange((request, response) -> this.answers.read(response), true);
		}
		catch (RestClientException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof HttpConnectTimeoutException) {
				throw failure("failed: no connection within " + this.connectTimeout, cause);
			}
			if (cause instanceof HttpTimeoutException) {
				throw failure("failed: no complete answer within " + this.readTimeout, cause);
			}
			throw failure("failed: " + this.answers.describe(cause), cause);
		}
	}

	/**
	 * Stop the HTTP client's threads. A request in flight ends when the thread that waits
	 * for it is interrupted, or at its read timeout.
	 */
	@Override
	public void close() {
		this.http.close();
	}

	/**
	 * Describe the endpoint as {@code POST} and its URL without userinfo or query: never
	 * the key.
	 */
	@Override
	public String toString() {
		return this.description;
	}

	private TokenMintException failure(String what, @Nullable Throwable cause) {
		return new TokenMintException("Token endpoint " + this.description + " " + what, cause);
	}

}
