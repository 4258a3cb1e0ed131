package dev.conductor.auth.oauth2;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The HTTP client of one OAuth2 token endpoint: a {@link RestClient} with the converters
 * and the error handler that Spring Security's own token response clients use, on a JDK
 * {@link HttpClient} of its own with a connect timeout and a read timeout that bounds the
 * whole answer (as the Conductor token endpoint's), that never follows a redirect,
 * carries no interceptor and runs on daemon threads that {@link #close()} stops.
 */
final class TokenEndpointClient implements AutoCloseable {

	static final String THREAD_NAME_PREFIX = "conductor-auth-oauth2-";

	private final ExecutorService executor;

	private final HttpClient httpClient;

	private final RestClient restClient;

	TokenEndpointClient(Duration connectTimeout, Duration readTimeout) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(THREAD_NAME_PREFIX);
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
		this.restClient = RestClient.builder().requestFactory(requestFactory).messageConverters((converters) -> {
			converters.clear();
			converters.add(new FormHttpMessageConverter());
			// newer Spring Security lines write a client_secret_post form as a String
			converters.add(new StringHttpMessageConverter());
			converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
		})
			// a redirect would otherwise read as an empty answer that says nothing
			.defaultStatusHandler(HttpStatusCode::is3xxRedirection, (request, response) -> {
				throw new RedirectNotFollowedException(response.getStatusCode());
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

	RestClient restClient() {
		return this.restClient;
	}

	/**
	 * Stop the HTTP client's threads. A request in flight ends when the thread that waits
	 * for it is interrupted, or at its read timeout.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// from Java 21 on, the client owns a selector thread that close() stops; on Java
		// 17 that thread ends once the client is unreachable
		if (this.httpClient instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// closing is best effort: the executor is already shut down
			}
		}
	}

	/**
	 * The token endpoint answered with a redirect, which a token request never follows.
	 */
	static final class RedirectNotFollowedException extends RestClientException {

		private final HttpStatusCode status;

		RedirectNotFollowedException(HttpStatusCode status) {
			super("Redirect " + status.value() + " not followed");
			this.status = status;
		}

		HttpStatusCode getStatus() {
			return this.status;
		}

	}

}
