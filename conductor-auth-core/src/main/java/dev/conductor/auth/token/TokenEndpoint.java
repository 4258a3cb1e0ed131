package dev.conductor.auth.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.conductor.auth.json.JsonCodec;

/**
 * The Conductor token endpoint: {@code POST {base-url}{token-path}} with the key id and
 * secret, answered by {@code {"token":"…"}}. Uses an HTTP client of its own (the JDK's,
 * which unlike {@code HttpURLConnection} keeps the body of a 401), with a connect timeout
 * and a read timeout that bounds the whole exchange, never follows a redirect, carries no
 * interceptor, and reads at most {@value TokenAnswers#MAX_ANSWER_BYTES} bytes of an
 * answer ({@link TokenAnswers}).
 */
final class TokenEndpoint {

	private final String description;

	private final URI uri;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final byte[] requestBody;

	private final ExecutorService executor;

	private final HttpClient httpClient;

	private final RestClient restClient;

	private final TokenAnswers answers;

	TokenEndpoint(URI uri, String keyId, String keySecret, Duration connectTimeout, Duration readTimeout) {
		this(uri, keyId, keySecret, connectTimeout, readTimeout, Clock.systemUTC());
	}

	TokenEndpoint(URI uri, String keyId, String keySecret, Duration connectTimeout, Duration readTimeout, Clock clock) {
		this.uri = uri;
		this.description = "POST " + uri.getScheme() + "://" + uri.getRawAuthority().replaceFirst("^.*@", "")
				+ uri.getRawPath();
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		Map<String, String> credentials = new LinkedHashMap<>();
		credentials.put("keyId", keyId);
		credentials.put("keySecret", keySecret);
		this.requestBody = JsonCodec.get().writeStringFields(credentials);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("conductor-auth-http-");
		threads.setDaemon(true);
		this.executor = Executors.newCachedThreadPool(threads);
		this.httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(connectTimeout)
			.executor(this.executor)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(this.httpClient, this.executor);
		requestFactory.setReadTimeout(readTimeout);
		this.restClient = RestClient.builder().requestFactory(requestFactory).build();
		this.answers = new TokenAnswers(this.description, keySecret, clock);
	}

	/**
	 * Mint a new token.
	 * @return the token with the {@code Date} of the answer, or {@code null} when the
	 * endpoint answered 404: the server has no security and wants no token
	 * @throws TokenMintException when the attempt failed
	 */
	@Nullable MintedToken mint() {
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
	void close() {
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// from Java 21 on, the client owns a selector thread that close() stops; on Java
		// 17
		// that thread ends once the client is unreachable
		if (this.httpClient instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// closing is best effort: the executor is already shut down
			}
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

	private TokenMintException failure(String what, @Nullable Throwable cause) {
		return new TokenMintException("Token endpoint " + this.description + " " + what, cause);
	}

}
