package dev.conductor.auth.client;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

import dev.conductor.auth.event.ConductorTokenRejectedEvent;
import dev.conductor.auth.token.ConductorTokenManager;

/**
 * What every HTTP client adapter does alike: decides which requests carry the token and
 * in which header, gets the token from the {@link ConductorTokenManager}, tells a token
 * error from another 401 or 403, reports rejections as
 * {@link ConductorTokenRejectedEvent}s and asks the manager for the token to replay with.
 *
 * <pre class="code">
 * ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator
 *     .builder(tokenManager, URI.create("https://developer.orkescloud.com/api"))
 *     .eventPublisher(applicationContext)
 *     .build();
 * RestClient client = RestClient.builder()
 *     .requestInterceptor(new ConductorAuthInterceptor(authenticator))
 *     .build();
 * </pre>
 */
public final class ConductorRequestAuthenticator {

	/**
	 * The header that carries the token by default.
	 */
	public static final String DEFAULT_HEADER_NAME = "X-Authorization";

	/**
	 * The {@code error} values that mean "get a new token" by default.
	 */
	public static final List<String> DEFAULT_REFRESH_ERRORS = List.of("EXPIRED_TOKEN", "INVALID_TOKEN");

	private static final Log logger = LogFactory.getLog(ConductorRequestAuthenticator.class);

	private final ConductorTokenManager tokenManager;

	private final URI baseUrl;

	private final ConductorApiScope scope;

	private final String headerName;

	private final TokenErrorDetector detector;

	private final ApplicationEventPublisher eventPublisher;

	private final Clock clock;

	private ConductorRequestAuthenticator(Builder builder) {
		this.tokenManager = builder.tokenManager;
		this.baseUrl = builder.baseUrl;
		this.scope = builder.scope;
		this.headerName = builder.headerName;
		this.detector = new TokenErrorDetector(builder.refreshErrors);
		this.eventPublisher = builder.eventPublisher;
		this.clock = builder.clock;
	}

	/**
	 * Start building an authenticator.
	 * @param tokenManager where tokens come from
	 * @param baseUrl the Conductor API base URL: only requests below it carry the token
	 * @return a builder
	 */
	public static Builder builder(ConductorTokenManager tokenManager, URI baseUrl) {
		return new Builder(tokenManager, baseUrl, ConductorApiScope.of(baseUrl));
	}

	/**
	 * Return whether a request to {@code uri} carries the token.
	 * @param uri the request URI
	 * @return whether it is in scope
	 */
	public boolean appliesTo(URI uri) {
		return this.scope.contains(uri);
	}

	/**
	 * The requests that carry the token, for adapters whose clients have parsed the URL
	 * already.
	 */
	ConductorApiScope scope() {
		return this.scope;
	}

	/**
	 * Return the name of the header that carries the token.
	 * @return the header name
	 */
	public String getHeaderName() {
		return this.headerName;
	}

	/**
	 * The Conductor API base URL, for adapters that look at paths relative to it.
	 */
	URI baseUrl() {
		return this.baseUrl;
	}

	ConductorTokenManager tokenManager() {
		return this.tokenManager;
	}

	TokenErrorDetector detector() {
		return this.detector;
	}

	/**
	 * Report an answer that was not a token error: the server accepted the token.
	 */
	void accepted(String token) {
		this.tokenManager.tokenAccepted(token);
	}

	/**
	 * Report a token error and return the token to replay with, waiting for it.
	 */
	@Nullable String replacement(String rejectedToken, Rejection rejection) {
		publish(rejection);
		return this.tokenManager.replaceRejectedToken(rejectedToken);
	}

	/**
	 * Report a token error and return a stage of the token to replay with.
	 */
	CompletionStage<@Nullable String> replacementAsync(String rejectedToken, Rejection rejection) {
		publish(rejection);
		return this.tokenManager.replaceRejectedTokenAsync(rejectedToken);
	}

	/**
	 * Report the answer to a request that is not replayed (a replay, a request whose body
	 * cannot be sent again, or one sent without a token because the server seemed to have
	 * no security): the server accepted the token, or, on a token error, the caller gets
	 * the error as it is, but the manager learns that the token was rejected (or that a
	 * token is wanted after all), without anyone waiting for its replacement.
	 */
	void answered(@Nullable String token, @Nullable Rejection rejection) {
		if (rejection == null) {
			if (token != null) {
				accepted(token);
			}
			return;
		}
		publish(rejection);
		this.tokenManager.replaceRejectedTokenAsync(token);
	}

	private void publish(Rejection rejection) {
		if (logger.isDebugEnabled()) {
			logger.debug("Conductor rejected the token of " + rejection);
		}
		try {
			this.eventPublisher.publishEvent(new ConductorTokenRejectedEvent(this, this.clock, rejection.status(),
					rejection.errorCode(), rejection.method(), rejection.path()));
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of ConductorTokenRejectedEvent failed", ex);
		}
	}

	@Override
	public String toString() {
		return "ConductorRequestAuthenticator[" + this.scope + ", " + this.headerName + "]";
	}

	/**
	 * A response that rejected the token.
	 */
	record Rejection(int status, String errorCode, String method, String path) {

		static Rejection of(int status, String errorCode, String method, URI uri) {
			String path = uri.getRawPath();
			return new Rejection(status, errorCode, method, (path == null || path.isEmpty()) ? "/" : path);
		}

		@Override
		public String toString() {
			return this.method + " " + this.path + ": " + this.status + " " + this.errorCode;
		}

	}

	/**
	 * Builds a {@link ConductorRequestAuthenticator}.
	 */
	public static final class Builder {

		private final ConductorTokenManager tokenManager;

		private final URI baseUrl;

		private final ConductorApiScope scope;

		private String headerName = DEFAULT_HEADER_NAME;

		private List<String> refreshErrors = DEFAULT_REFRESH_ERRORS;

		private ApplicationEventPublisher eventPublisher = (event) -> {
		};

		private Clock clock = Clock.systemUTC();

		private Builder(ConductorTokenManager tokenManager, URI baseUrl, ConductorApiScope scope) {
			this.tokenManager = tokenManager;
			this.baseUrl = baseUrl;
			this.scope = scope;
		}

		/**
		 * Set the header that carries the token.
		 * @param headerName the header name
		 * @return this builder
		 */
		public Builder headerName(String headerName) {
			Assert.hasText(headerName, "Header name must not be empty");
			this.headerName = headerName;
			return this;
		}

		/**
		 * Set the {@code error} values of a 401 or 403 that mean "get a new token".
		 * @param refreshErrors the values
		 * @return this builder
		 */
		public Builder refreshErrors(List<String> refreshErrors) {
			Assert.notEmpty(refreshErrors, "Refresh errors must not be empty");
			this.refreshErrors = List.copyOf(refreshErrors);
			return this;
		}

		/**
		 * Set where {@link ConductorTokenRejectedEvent}s go.
		 * @param eventPublisher the publisher, usually the application context
		 * @return this builder
		 */
		public Builder eventPublisher(ApplicationEventPublisher eventPublisher) {
			this.eventPublisher = eventPublisher;
			return this;
		}

		/**
		 * Set the clock that stamps events.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Build the authenticator.
		 * @return the authenticator
		 */
		public ConductorRequestAuthenticator build() {
			return new ConductorRequestAuthenticator(this);
		}

	}

}
