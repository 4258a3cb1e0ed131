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

	/**
	 * The token endpoint's path as the scope compares paths, made once: it is looked at
	 * on every request.
	 */
	private final String tokenEndpointPath;

	ConductorEndpoints(ConductorRequestAuthenticator authenticator, String tokenPath) {
		Assert.isTrue(tokenPath.startsWith("/"), () -> "Token path must start with '/', not '" + tokenPath + "'");
		this.authenticator = authenticator;
		this.tokenPath = tokenPath;
		this.tokenEndpointPath = authenticator.scope().pathOf(tokenPath);
	}

	/**
	 * Return whether {@code basePath} names the base URL itself: same scheme, host, port
	 * and path.
	 */
	boolean isBaseUrl(String basePath) {
		URI uri = uriOrNull(basePath);
		return uri != null && this.authenticator.appliesTo(uri) && this.authenticator.scope().isPath(rawPath(uri), "");
	}

	/**
	 * Return whether a path relative to the base URL is the token endpoint's.
	 */
	boolean isTokenPath(String relativePath) {
		return trimmed(this.tokenPath).equals(trimmed(relativePath));
	}

	/**
	 * Return whether a request URI is the token endpoint.
	 */
	boolean isTokenEndpoint(URI uri) {
		return this.authenticator.appliesTo(uri) && isTokenEndpointPath(rawPath(uri));
	}

	/**
	 * Return whether the raw path of a request in scope is the token endpoint's, as
	 * {@link ConductorApiScope} reads paths.
	 */
	boolean isTokenEndpointPath(String rawPath) {
		return isTokenEndpointPath(rawPath, 0, rawPath.length());
	}

	/**
	 * Return whether the raw path of a request in scope, given as where it lies in a
	 * text, is the token endpoint's.
	 */
	boolean isTokenEndpointPath(String text, int pathStart, int pathEnd) {
		return this.authenticator.scope().resolvesTo(text, pathStart, pathEnd, this.tokenEndpointPath);
	}

	private static @Nullable URI uriOrNull(String text) {
		try {
			return new URI(text);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String rawPath(URI uri) {
		String path = uri.getRawPath();
		return (path != null) ? path : "";
	}

	private static String trimmed(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

}
