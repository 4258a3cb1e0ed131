package dev.conductor.auth.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of conductor-auth.
 */
@ConfigurationProperties("conductor.auth")
public class ConductorAuthProperties {

	/**
	 * Whether to keep a Conductor token and put it on every HTTP client.
	 */
	private boolean enabled = true;

	/**
	 * Conductor API base URL, such as https://developer.orkescloud.com/api. Falls back to
	 * conductor.client.root-uri, conductor.client.base-path, conductor.server.url, then
	 * the environment variable CONDUCTOR_SERVER_URL.
	 */
	private @Nullable String baseUrl;

	/**
	 * Application key id. Falls back to conductor.client.key-id (or keyId),
	 * conductor.security.client.key-id (or keyId), then the environment variables
	 * CONDUCTOR_AUTH_KEY and CONDUCTOR_SERVER_AUTH_KEY.
	 */
	private @Nullable String keyId;

	/**
	 * Application key secret. Falls back to conductor.client.secret,
	 * conductor.security.client.secret, then the environment variables
	 * CONDUCTOR_AUTH_SECRET and CONDUCTOR_SERVER_AUTH_SECRET.
	 */
	private @Nullable String keySecret;

	/**
	 * Path of the token endpoint below the base URL.
	 */
	private String tokenPath = "/token";

	/**
	 * Request header that carries the token. Defaults to X-Authorization, or to
	 * Authorization with the OAuth2 token source.
	 */
	private @Nullable String headerName;

	/**
	 * Text sent before the token in the header, such as "Bearer "; a prefix that ends in
	 * a letter or digit (an authentication scheme) gets a space after it. Defaults to
	 * none, or to "Bearer " with the OAuth2 token source.
	 */
	private @Nullable String headerPrefix;

	/**
	 * How the server says that it no longer accepts a token. Defaults to conductor-error,
	 * or to bearer-error with the OAuth2 token source.
	 */
	private @Nullable Rejection rejection;

	/**
	 * Lifetime assumed when a token has no exp claim. At most 24h.
	 */
	private Duration tokenTtl = Duration.ofMinutes(45);

	/**
	 * How long before its expiry a token is replaced in the background. At most 24h.
	 */
	private Duration refreshBeforeExpiry = Duration.ofMinutes(5);

	/**
	 * How long before its expiry a token is no longer sent. At most 24h.
	 */
	private Duration clockSkew = Duration.ofSeconds(30);

	/**
	 * Longest a request waits for the attempt that runs when no token is valid; during a
	 * back-off after a failed attempt a request fails at once. At most 1h.
	 */
	private Duration acquireTimeout = Duration.ofSeconds(10);

	/**
	 * Longest wait for a connection to the token endpoint. At most 1h.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Longest wait for the complete answer of the token endpoint. At most 1h.
	 */
	private Duration readTimeout = Duration.ofSeconds(10);

	/**
	 * Error codes that mean "get a new token": the JSON error of a 401 or 403 with
	 * rejection=conductor-error (default EXPIRED_TOKEN,INVALID_TOKEN), the error of a
	 * 401's WWW-Authenticate Bearer challenge with rejection=bearer-error (default
	 * invalid_token).
	 */
	private @Nullable List<String> refreshErrors;

	/**
	 * Whether to exit the application when the failure budget is spent and no valid token
	 * is left. When false, liveness is marked broken and attempts continue every
	 * retry.max-interval until one succeeds.
	 */
	private boolean exitOnFailure = true;

	/**
	 * Process exit code when authentication is lost for good.
	 */
	private int exitCode = 1;

	/**
	 * Whether to block startup until the first token is minted, and fail startup when the
	 * failure budget is spent.
	 */
	private boolean failFast;

	private final Retry retry = new Retry();

	private final OAuth2 oauth2 = new OAuth2();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getKeyId() {
		return this.keyId;
	}

	public void setKeyId(@Nullable String keyId) {
		this.keyId = keyId;
	}

	public @Nullable String getKeySecret() {
		return this.keySecret;
	}

	public void setKeySecret(@Nullable String keySecret) {
		this.keySecret = keySecret;
	}

	public String getTokenPath() {
		return this.tokenPath;
	}

	public void setTokenPath(String tokenPath) {
		this.tokenPath = tokenPath;
	}

	public @Nullable String getHeaderName() {
		return this.headerName;
	}

	public void setHeaderName(@Nullable String headerName) {
		this.headerName = headerName;
	}

	public @Nullable String getHeaderPrefix() {
		return this.headerPrefix;
	}

	public void setHeaderPrefix(@Nullable String headerPrefix) {
		this.headerPrefix = headerPrefix;
	}

	public @Nullable Rejection getRejection() {
		return this.rejection;
	}

	public void setRejection(@Nullable Rejection rejection) {
		this.rejection = rejection;
	}

	public Duration getTokenTtl() {
		return this.tokenTtl;
	}

	public void setTokenTtl(Duration tokenTtl) {
		this.tokenTtl = tokenTtl;
	}

	public Duration getRefreshBeforeExpiry() {
		return this.refreshBeforeExpiry;
	}

	public void setRefreshBeforeExpiry(Duration refreshBeforeExpiry) {
		this.refreshBeforeExpiry = refreshBeforeExpiry;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public Duration getAcquireTimeout() {
		return this.acquireTimeout;
	}

	public void setAcquireTimeout(Duration acquireTimeout) {
		this.acquireTimeout = acquireTimeout;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public @Nullable List<String> getRefreshErrors() {
		return this.refreshErrors;
	}

	public void setRefreshErrors(@Nullable List<String> refreshErrors) {
		this.refreshErrors = refreshErrors;
	}

	public boolean isExitOnFailure() {
		return this.exitOnFailure;
	}

	public void setExitOnFailure(boolean exitOnFailure) {
		this.exitOnFailure = exitOnFailure;
	}

	public int getExitCode() {
		return this.exitCode;
	}

	public void setExitCode(int exitCode) {
		this.exitCode = exitCode;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public OAuth2 getOauth2() {
		return this.oauth2;
	}

	@Override
	public String toString() {
		// never the key secret
		return "ConductorAuthProperties[baseUrl=" + this.baseUrl + ", keyId=" + this.keyId + "]";
	}

	/**
	 * How the server says that it no longer accepts a token.
	 */
	public enum Rejection {

		/**
		 * A 401 or 403 whose JSON body has a top-level error among refresh-errors, as
		 * Conductor answers.
		 */
		CONDUCTOR_ERROR,

		/**
		 * A 401 whose WWW-Authenticate Bearer challenge has an error among refresh-errors
		 * (RFC 6750), as OAuth2 resource servers and gateways answer.
		 */
		BEARER_ERROR

	}

	/**
	 * Tokens from an OAuth2 issuer instead of an application key.
	 */
	public static class OAuth2 {

		/**
		 * Id of the spring.security.oauth2.client.registration whose client-credentials
		 * tokens are sent instead of tokens minted with an application key.
		 */
		private @Nullable String registrationId;

		public @Nullable String getRegistrationId() {
			return this.registrationId;
		}

		public void setRegistrationId(@Nullable String registrationId) {
			this.registrationId = registrationId;
		}

	}

	/**
	 * Retry of failed token requests.
	 */
	public static class Retry {

		/**
		 * Consecutive failed attempts that spend the failure budget, from 1 to 100.
		 */
		private int maxAttempts = 5;

		/**
		 * Delay after the first failed attempt. At most 24h.
		 */
		private Duration initialInterval = Duration.ofSeconds(2);

		/**
		 * Growth of the delay after each further failed attempt, from 1 to 10.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest delay between attempts, and the interval of attempts once the budget is
		 * spent. At most 24h.
		 */
		private Duration maxInterval = Duration.ofSeconds(30);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

}
