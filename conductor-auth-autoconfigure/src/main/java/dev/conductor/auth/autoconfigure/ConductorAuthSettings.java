package dev.conductor.auth.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The {@code conductor.auth.*} properties, with the fallbacks to the names of the
 * official Conductor Java client ({@link OfficialClientFallbacks}) applied and every
 * value checked. A value that is missing, malformed or beyond its bound (see
 * {@link ConductorAuthPropertiesCheck}) throws an
 * {@link InvalidConductorAuthPropertyException} that names the property, every fallback
 * that would have supplied it, and the fix; neither the key secret nor a URL's user info
 * is ever repeated.
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
		try {
			URI baseUrl = baseUrl(OfficialClientFallbacks.BASE_URL.resolve(properties.getBaseUrl(), environment));
			URI tokenUri = tokenUri(baseUrl, properties.getTokenPath());
			ConductorAuthPropertiesCheck.check(properties);
			warnIfClearText(baseUrl);
			return new ConductorAuthSettings(properties, baseUrl, tokenUri, environment);
		}
		catch (InvalidConductorAuthPropertyException ex) {
			// a secret pasted into the wrong property would be repeated in the report
			throw ex.masking(keySecretValue(properties, environment));
		}
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
				"Set conductor.auth.key-id to the id of a Conductor application key, or, for tokens of an OAuth2 "
						+ "issuer, conductor.auth.oauth2.registration-id to a client-credentials registration.");
	}

	/**
	 * The OAuth2 client registration whose tokens to send.
	 */
	String oauth2RegistrationId() {
		String registrationId = this.properties.getOauth2().getRegistrationId();
		if (!StringUtils.hasText(registrationId)) {
			throw invalid("oauth2.registration-id", "it is blank",
					"Set conductor.auth.oauth2.registration-id to the id of a "
							+ "spring.security.oauth2.client.registration, or remove it to mint tokens with "
							+ "an application key.");
		}
		return registrationId.trim();
	}

	/**
	 * Fail when an OAuth2 registration is named but Spring Security's OAuth2 client is
	 * missing: an application key is not what was asked for.
	 */
	void checkNoOAuth2Registration() {
		if (this.properties.getOauth2().getRegistrationId() != null) {
			throw invalid("oauth2.registration-id",
					"it names an OAuth2 client registration, but spring-security-oauth2-client is not on the class path",
					"Add org.springframework.boot:spring-boot-starter-security-oauth2-client (Spring Boot 4) or "
							+ "org.springframework.boot:spring-boot-starter-oauth2-client (Spring Boot 3.5) to the "
							+ "application, or remove conductor.auth.oauth2.registration-id to mint tokens with an "
							+ "application key.");
		}
	}

	String keySecret() {
		return required(OfficialClientFallbacks.KEY_SECRET, keySecretValue(this.properties, this.environment),
				"Set conductor.auth.key-secret to the secret of that application key, for example through the "
						+ "environment variable CONDUCTOR_AUTH_KEY_SECRET.");
	}

	@Override
	public String toString() {
		return "ConductorAuthSettings[" + this.tokenUri + "]";
	}

	private static @Nullable String keySecretValue(ConductorAuthProperties properties, Environment environment) {
		return OfficialClientFallbacks.KEY_SECRET.resolve(properties.getKeySecret(), environment);
	}

	private static URI baseUrl(@Nullable String value) {
		String action = "Set conductor.auth.base-url to the Conductor API base URL, such as "
				+ "https://developer.orkescloud.com/api, without a user name or password: conductor-auth "
				+ "authenticates with conductor.auth.key-id and conductor.auth.key-secret.";
		String text = required(OfficialClientFallbacks.BASE_URL, value, action).trim();
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			// the reason only: the exception's message repeats the whole value
			throw invalid("base-url", "'" + withoutUserInfo(text) + "' is not a URL (" + ex.getReason() + ")", action);
		}
		if (!uri.isAbsolute() || uri.getHost() == null
				|| !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
			throw invalid("base-url", "'" + withoutUserInfo(text) + "' is not an absolute http(s) URL", action);
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw invalid("base-url", "the URL must have no user info, query or fragment", action);
		}
		return uri;
	}

	/**
	 * Hide whatever may be a user info in a value that may not parse as a URL: everything
	 * from the scheme's {@code //} (or the start) up to the last {@code @}. Any user info
	 * ends at an {@code @}, and the last one leaves no part of a password that holds
	 * {@code /} or {@code @} unencoded; a path with an {@code @} is hidden too, which
	 * costs nothing.
	 */
	private static String withoutUserInfo(String text) {
		int at = text.lastIndexOf('@');
		if (at < 0) {
			return text;
		}
		int slashes = text.indexOf("//");
		int start = (slashes >= 0 && slashes < at) ? slashes + 2 : 0;
		return text.substring(0, start) + "***" + text.substring(at);
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

	private static InvalidConductorAuthPropertyException invalid(String property, String problem, String action) {
		return new InvalidConductorAuthPropertyException(PREFIX + property, problem, action);
	}

}
