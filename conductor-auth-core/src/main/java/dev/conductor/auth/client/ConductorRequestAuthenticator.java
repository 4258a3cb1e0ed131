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
 * in which header, with which prefix, gets the token from the
 * {@link ConductorTokenManager}, tells a token error from another answer (with a
 * {@link TokenErrorDetector}), reports rejections as {@link ConductorTokenRejectedEvent}s
 * and asks the manager for the token to replay with.
 *
 * <p>
 * By default the token goes as it is in {@code X-Authorization}, as Orkes Conductor wants
 * it, and a token error is Conductor's JSON {@code error}. Behind an OAuth2 gateway, the
 * token goes as {@code Authorization: Bearer <token>} and a token error is a 401 whose
 * {@code WWW-Authenticate} says {@code Bearer error="invalid_token"}:
 *
 * <pre class="code">
 * ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator
 *     .builder(tokenManager, URI.create("https://developer.orkescloud.com/api"))
 *     .eventPublisher(applicationContext)
 *     .build();
 * RestClient client = RestClient.builder()
 *     .requestInterceptor(new ConductorAuthInterceptor(authenticator))
 *     .build();
 *
 * ConductorRequestAuthenticator behindGateway = ConductorRequestAuthenticator.builder(tokenManager, baseUrl)
 *     .headerName(HttpHeaders.AUTHORIZATION)
 *     .headerPrefix("Bearer ")
 *     .tokenErrorDetector(TokenErrorDetector.bearerErrors(TokenErrorDetector.DEFAULT_BEARER_ERRORS))
 *     .build();
 * </pre>
 *
 * The manager always sees the bare token, without the prefix.
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

	private final String headerPrefix;

	/**
	 * The header value of the token seen last, so that a prefixed header costs no new
	 * string per request while the token stays the same.
	 */
	private volatile @Nullable HeaderValue lastHeaderValue;

	private final TokenErrorDetector detector;

	private final ApplicationEventPublisher eventPublisher;

	private final Clock clock;

	private ConductorRequestAuthenticator(Builder builder) {
		this.tokenManager = builder.tokenManager;
		this.baseUrl = builder.baseUrl;
		this.scope = builder.scope;
		this.headerName = builder.headerName;
		this.headerPrefix = builder.headerPrefix;
		this.detector = builder.detector;
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
	 * Return what goes before the token in the header: empty by default,
	 * {@code "Bearer "} for an OAuth2 bearer token.
	 * @return the header prefix
	 */
	public String getHeaderPrefix() {
		return this.headerPrefix;
	}

	/**
	 * Return the header value that carries {@code token}: the token itself without a
	 * prefix, else the prefix and the token, made once per token (the token manager hands
	 * out one instance per token, so an identity check tells a token seen before).
	 */
	String headerValue(String token) {
		if (this.headerPrefix.isEmpty()) {
			return token;
		}
		HeaderValue last = this.lastHeaderValue;
		if (last != null && last.token() == token) {
			return last.value();
		}
		String value = this.headerPrefix.concat(token);
		this.lastHeaderValue = new HeaderValue(token, value);
		return value;
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
	 * A token and its header value, read and written as one.
	 */
	private record HeaderValue(String token, String value) {

		@Override
		public String toString() {
			return "HeaderValue[…]";
		}

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

		private String headerPrefix = "";

		private TokenErrorDetector detector = TokenErrorDetector.conductorErrors(DEFAULT_REFRESH_ERRORS);

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
		 * Set what goes before the token in the header, such as {@code "Bearer "} for an
		 * OAuth2 bearer token in {@code Authorization}; empty by default.
		 * @param headerPrefix the prefix, without control characters
		 * @return this builder
		 */
		public Builder headerPrefix(String headerPrefix) {
			Assert.notNull(headerPrefix, "Header prefix must not be null");
			Assert.isTrue(headerPrefix.chars().noneMatch((ch) -> ch < 0x20 || ch == 0x7f),
					"Header prefix must not contain control characters");
			this.headerPrefix = headerPrefix;
			return this;
		}

		/**
		 * Tell token errors by Conductor's own rule, with the {@code error} values of a
		 * 401 or 403 that mean "get a new token"; the same as
		 * {@code tokenErrorDetector(TokenErrorDetector.conductorErrors(refreshErrors))}.
		 * The last of this and {@link #tokenErrorDetector(TokenErrorDetector)} wins.
		 * @param refreshErrors the values
		 * @return this builder
		 */
		public Builder refreshErrors(List<String> refreshErrors) {
			Assert.notEmpty(refreshErrors, "Refresh errors must not be empty");
			this.detector = TokenErrorDetector.conductorErrors(refreshErrors);
			return this;
		}

		/**
		 * Set how token errors are told from other answers, such as
		 * {@link TokenErrorDetector#bearerErrors(java.util.Collection)} behind an OAuth2
		 * gateway; Conductor's own rule with {@link #DEFAULT_REFRESH_ERRORS} by default.
		 * The last of this and {@link #refreshErrors(List)} wins.
		 * @param tokenErrorDetector the detector
		 * @return this builder
		 */
		public Builder tokenErrorDetector(TokenErrorDetector tokenErrorDetector) {
			Assert.notNull(tokenErrorDetector, "Token error detector must not be null");
			this.detector = tokenErrorDetector;
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
