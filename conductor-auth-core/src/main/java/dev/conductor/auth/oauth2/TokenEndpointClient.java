package dev.conductor.auth.oauth2;

import java.time.Duration;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.conductor.auth.http.TokenEndpointHttpClient;

/**
 * The HTTP client of one OAuth2 token endpoint: a {@link RestClient} with the converters
 * and the error handler that Spring Security's own token response clients use, on a
 * {@link TokenEndpointHttpClient} of its own (bounded, no redirect, no interceptor,
 * daemon threads that {@link #close()} stops), as the Conductor token endpoint's.
 */
final class TokenEndpointClient implements AutoCloseable {

	static final String THREAD_NAME_PREFIX = "conductor-auth-oauth2-";

	private final TokenEndpointHttpClient http;

	private final RestClient restClient;

	TokenEndpointClient(Duration connectTimeout, Duration readTimeout) {
		this.http = new TokenEndpointHttpClient(THREAD_NAME_PREFIX, connectTimeout, readTimeout);
		this.restClient = RestClient.builder()
			.requestFactory(this.http.requestFactory())
			.messageConverters((converters) -> {
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
	 * Stop the HTTP client's threads.
	 */
	@Override
	public void close() {
		this.http.close();
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
