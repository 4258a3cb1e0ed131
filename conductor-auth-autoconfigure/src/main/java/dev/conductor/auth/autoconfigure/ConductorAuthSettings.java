package dev.conductor.auth.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The {@code conductor.auth.*} properties, with the fallbacks to the names of the
 * official Conductor Java client ({@link OfficialClientFallbacks}) applied and every
 * value checked. A value that is missing or malformed throws an
 * {@link InvalidConductorAuthPropertyException} that names the property, every fallback
 * that would have supplied it, and the fix; the key secret is never repeated.
 */
final class ConductorAuthSettings {

	private static final Log logger = LogFactory.getLog(ConductorAuthSettings.class);

	private static final String PREFIX = "conductor.auth.";

	private final ConductorAuthProperties properties;

	private final URI baseUrl;

	private final URI tokenUri;

	private final Environment environment;

	private ConductorAuthSettings(ConductorAuthProperties properties, URI baseUrl, URI tokenUri,
			Environment environment) {
		this.properties = properties;
		this.baseUrl = baseUrl;
		this.tokenUri = tokenUri;
		this.environment = environment;
	}

	static ConductorAuthSettings of(ConductorAuthProperties properties, Environment environment) {
		URI baseUrl = baseUrl(OfficialClientFallbacks.BASE_URL.resolve(properties.getBaseUrl(), environment));
		URI tokenUri = tokenUri(baseUrl, properties.getTokenPath());
		check(properties);
		warnIfClearText(baseUrl);
		return new ConductorAuthSettings(properties, baseUrl, tokenUri, environment);
	}

	ConductorAuthProperties properties() {
		return this.properties;
	}

	URI baseUrl() {
		return this.baseUrl;
	}

	URI tokenUri() {
		return this.tokenUri;
	}

	/**
	 * The key id, checked only when a token manager needs it: a user who brings a token
	 * manager of their own sets no key.
	 */
	String keyId() {
		return required(OfficialClientFallbacks.KEY_ID,
				OfficialClientFallbacks.KEY_ID.resolve(this.properties.getKeyId(), this.environment),
				"Set conductor.auth.key-id to the id of a Conductor application key.");
	}

	String keySecret() {
		return required(OfficialClientFallbacks.KEY_SECRET,
				OfficialClientFallbacks.KEY_SECRET.resolve(this.properties.getKeySecret(), this.environment),
				"Set conductor.auth.key-secret to the secret of that application key, for example through the "
						+ "environment variable CONDUCTOR_AUTH_KEY_SECRET.");
	}

	@Override
	public String toString() {
		return "ConductorAuthSettings[" + this.tokenUri + "]";
	}

	private static URI baseUrl(@Nullable String value) {
		String action = "Set conductor.auth.base-url to the Conductor API base URL, such as "
				+ "https://developer.orkescloud.com/api.";
		String text = required(OfficialClientFallbacks.BASE_URL, value, action).trim();
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw invalid("base-url", "'" + text + "' is not a URL (" + ex.getReason() + ")", action);
		}
		if (!uri.isAbsolute() || uri.getHost() == null
				|| !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
			throw invalid("base-url", "'" + text + "' is not an absolute http(s) URL", action);
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw invalid("base-url", "the URL must have no user info, query or fragment", action);
		}
		return uri;
	}

	private static URI tokenUri(URI baseUrl, String tokenPath) {
		if (!StringUtils.hasText(tokenPath) || !tokenPath.startsWith("/") || tokenPath.contains("?")) {
			throw invalid("token-path", "'" + tokenPath + "' is not a path that starts with '/'",
					"Set conductor.auth.token-path to the token endpoint's path below the base URL, such as /token.");
		}
		String basePath = (baseUrl.getRawPath() != null) ? baseUrl.getRawPath() : "";
		if (basePath.endsWith("/")) {
			basePath = basePath.substring(0, basePath.length() - 1);
		}
		return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + basePath + tokenPath);
	}

	private static void check(ConductorAuthProperties properties) {
		if (!StringUtils.hasText(properties.getHeaderName())
				|| !properties.getHeaderName().chars().allMatch((ch) -> ch > 0x20 && ch < 0x7f && ch != ':')) {
			throw invalid("header-name", "'" + properties.getHeaderName() + "' is not an HTTP header name",
					"Set conductor.auth.header-name to the header that carries the token, X-Authorization for Conductor.");
		}
		positive("token-ttl", properties.getTokenTtl());
		notNegative("refresh-before-expiry", properties.getRefreshBeforeExpiry());
		notNegative("clock-skew", properties.getClockSkew());
		positive("acquire-timeout", properties.getAcquireTimeout());
		positive("connect-timeout", properties.getConnectTimeout());
		positive("read-timeout", properties.getReadTimeout());
		List<String> refreshErrors = properties.getRefreshErrors();
		if (refreshErrors.isEmpty() || refreshErrors.stream().anyMatch((error) -> !StringUtils.hasText(error))) {
			throw invalid("refresh-errors", "the list is empty or holds an empty value",
					"Set conductor.auth.refresh-errors to the error codes that mean 'get a new token', "
							+ "EXPIRED_TOKEN,INVALID_TOKEN for Conductor.");
		}
		if (properties.getExitCode() < 0 || properties.getExitCode() > 255) {
			throw invalid("exit-code", properties.getExitCode() + " is not a process exit code",
					"Set conductor.auth.exit-code to a value from 0 to 255.");
		}
		ConductorAuthProperties.Retry retry = properties.getRetry();
		if (retry.getMaxAttempts() < 1) {
			throw invalid("retry.max-attempts", retry.getMaxAttempts() + " is less than 1",
					"Set conductor.auth.retry.max-attempts to 1 or more.");
		}
		if (!(retry.getMultiplier() >= 1)) {
			throw invalid("retry.multiplier", retry.getMultiplier() + " is less than 1",
					"Set conductor.auth.retry.multiplier to 1 (a fixed delay) or more.");
		}
		positive("retry.initial-interval", retry.getInitialInterval());
		positive("retry.max-interval", retry.getMaxInterval());
		if (retry.getMaxInterval().compareTo(retry.getInitialInterval()) < 0) {
			throw invalid("retry.max-interval",
					retry.getMaxInterval() + " is shorter than retry.initial-interval " + retry.getInitialInterval(),
					"Set conductor.auth.retry.max-interval to at least conductor.auth.retry.initial-interval.");
		}
	}

	private static void warnIfClearText(URI baseUrl) {
		if ("http".equalsIgnoreCase(baseUrl.getScheme()) && !isLoopback(baseUrl.getHost())) {
			logger.warn("conductor.auth.base-url " + baseUrl + " is plain http to a host that is not loopback: "
					+ "the key secret and the token would travel in clear text. Use https.");
		}
	}

	private static boolean isLoopback(String host) {
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		// only a literal address is checked, so that startup never waits for DNS
		if (!host.startsWith("[") && !Character.isDigit(host.charAt(0))) {
			return false;
		}
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static String required(OfficialClientFallbacks fallbacks, @Nullable String value, String action) {
		if (!StringUtils.hasText(value)) {
			throw invalid(fallbacks.property(),
					"it is missing or blank, and so is every name it falls back to: "
							+ String.join(", ", fallbacks.names()),
					action + " (Any of " + fallbacks.describe() + " will do.)");
		}
		return value;
	}

	private static void positive(String property, Duration value) {
		checkDuration(property, value, (duration) -> duration.isNegative() || duration.isZero(), "positive");
	}

	private static void notNegative(String property, Duration value) {
		checkDuration(property, value, Duration::isNegative, "zero or positive");
	}

	private static void checkDuration(String property, Duration value, Predicate<Duration> wrong, String expected) {
		if (wrong.test(value)) {
			throw invalid(property, value + " is not " + expected,
					"Set conductor.auth." + property + " to a " + expected + " duration, such as 30s.");
		}
	}

	private static InvalidConductorAuthPropertyException invalid(String property, String problem, String action) {
		return new InvalidConductorAuthPropertyException(PREFIX + property, problem, action);
	}

}
