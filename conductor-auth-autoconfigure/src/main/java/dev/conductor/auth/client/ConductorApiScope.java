package dev.conductor.auth.client;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Which requests may carry the Conductor token: those whose scheme, host and port equal
 * the base URL's and whose path is the base URL's path or lies below it. With a base URL
 * of {@code https://h/api}, {@code https://h/api/tasks} is in scope;
 * {@code https://h/apix}, {@code http://h/api/tasks} and {@code https://other/api/tasks}
 * are not.
 *
 * <pre class="code">
 * ConductorApiScope scope = ConductorApiScope.of(URI.create("https://developer.orkescloud.com/api"));
 * scope.contains(URI.create("https://developer.orkescloud.com/api/tasks/poll/hello")); // true
 * </pre>
 */
public final class ConductorApiScope {

	private final String scheme;

	private final String host;

	private final int port;

	private final String path;

	private ConductorApiScope(String scheme, String host, int port, String path) {
		this.scheme = scheme;
		this.host = host;
		this.port = port;
		this.path = path;
	}

	/**
	 * Return the scope of the given base URL.
	 * @param baseUrl an absolute http or https URL
	 * @return the scope
	 */
	public static ConductorApiScope of(URI baseUrl) {
		String scheme = baseUrl.getScheme();
		Assert.isTrue(
				scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
						&& baseUrl.getHost() != null,
				() -> "Base URL must be an absolute http(s) URL, not '" + baseUrl + "'");
		String path = normalizedPath(baseUrl);
		return new ConductorApiScope(scheme.toLowerCase(Locale.ROOT), baseUrl.getHost().toLowerCase(Locale.ROOT),
				port(baseUrl), path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
	}

	/**
	 * Return whether a request to {@code uri} may carry the token.
	 * @param uri the request URI
	 * @return whether it is in scope
	 */
	public boolean contains(URI uri) {
		return contains(uri.getScheme(), uri.getHost(), port(uri), normalizedPath(uri));
	}

	/**
	 * Return whether a request to a URL that a client has parsed already may carry the
	 * token, from its parts as {@link URI} gives them.
	 * @param scheme the scheme
	 * @param host the host, an IPv6 address in brackets
	 * @param port the port, never -1
	 * @param normalizedPath the raw path with its dot segments resolved
	 * @return whether it is in scope
	 */
	boolean contains(@Nullable String scheme, @Nullable String host, int port, String normalizedPath) {
		if (!this.scheme.equalsIgnoreCase(scheme) || !this.host.equalsIgnoreCase(host) || this.port != port) {
			return false;
		}
		String requestPath = normalizedPath.isEmpty() ? "/" : normalizedPath;
		return requestPath.startsWith(this.path)
				&& (requestPath.length() == this.path.length() || requestPath.charAt(this.path.length()) == '/');
	}

	@Override
	public String toString() {
		return this.scheme + "://" + this.host + ":" + this.port + this.path;
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static String normalizedPath(URI uri) {
		String path = uri.normalize().getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

}
