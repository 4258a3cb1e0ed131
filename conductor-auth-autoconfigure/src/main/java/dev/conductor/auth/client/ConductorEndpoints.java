package dev.conductor.auth.client;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The two addresses that the adapters of the official Conductor Java client tell apart:
 * the Conductor API base URL, which a {@code ConductorClient} must be built for to take
 * the token, and the token endpoint below it, whose requests never carry a token (nor get
 * replayed).
 */
final class ConductorEndpoints {

	private final ConductorRequestAuthenticator authenticator;

	private final String tokenPath;

	private final String tokenEndpointPath;

	ConductorEndpoints(ConductorRequestAuthenticator authenticator, String tokenPath) {
		Assert.isTrue(tokenPath.startsWith("/"), () -> "Token path must start with '/', not '" + tokenPath + "'");
		this.authenticator = authenticator;
		this.tokenPath = trimmed(tokenPath);
		this.tokenEndpointPath = trimmed(path(authenticator.baseUrl())) + this.tokenPath;
	}

	/**
	 * Return whether {@code basePath} names the base URL itself: same scheme, host, port
	 * and path.
	 */
	boolean isBaseUrl(String basePath) {
		URI uri = uriOrNull(basePath);
		return uri != null && this.authenticator.appliesTo(uri)
				&& trimmed(path(uri)).equals(trimmed(path(this.authenticator.baseUrl())));
	}

	/**
	 * Return whether a path relative to the base URL is the token endpoint's.
	 */
	boolean isTokenPath(String relativePath) {
		return this.tokenPath.equals(trimmed(relativePath));
	}

	/**
	 * Return whether a request URI is the token endpoint.
	 */
	boolean isTokenEndpoint(URI uri) {
		return this.authenticator.appliesTo(uri) && isTokenEndpointPath(path(uri));
	}

	/**
	 * Return whether the normalized raw path of a request in scope is the token
	 * endpoint's.
	 */
	boolean isTokenEndpointPath(String normalizedPath) {
		return this.tokenEndpointPath.equals(trimmed(normalizedPath));
	}

	private static @Nullable URI uriOrNull(String text) {
		try {
			return new URI(text);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String path(URI uri) {
		String path = uri.normalize().getRawPath();
		return (path != null) ? path : "";
	}

	private static String trimmed(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

}
