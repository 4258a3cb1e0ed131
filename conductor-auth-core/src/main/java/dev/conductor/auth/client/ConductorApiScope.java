package dev.conductor.auth.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Which requests may carry the Conductor token: those whose scheme, host and port equal
 * the base URL's and whose path is the base URL's path or lies below it. With a base URL
 * of {@code https://h/api}, {@code https://h/api/tasks} is in scope;
 * {@code https://h/apix}, {@code http://h/api/tasks} and {@code https://other/api/tasks}
 * are not.
 *
 * <p>
 * Every adapter decides here, on one normalisation, so that a URL gets the same answer
 * whichever client sends it: scheme and host compare without case, an IPv6 address in any
 * of its forms ({@code [::1]}, {@code [0:0:0:0:0:0:0:1]}), a missing port as the scheme's
 * default. Dot segments never let a path escape the base path, however a server reads
 * them: {@code .} and {@code ..} count encoded ({@code %2e}) or not, in any case, and
 * with path parameters ({@code ..;x}); a path counts only when it stays below the base
 * path both with its encoded slashes and backslashes ({@code %2f}, {@code %5c}) read as
 * separators and read as data.
 *
 * <pre class="code">
 * ConductorApiScope scope = ConductorApiScope.of(URI.create("https://developer.orkescloud.com/api"));
 * scope.contains(URI.create("https://developer.orkescloud.com/api/tasks/poll/hello")); // true
 * scope.contains(URI.create("https://developer.orkescloud.com/api/%2e%2e/admin")); // false
 * </pre>
 */
public final class ConductorApiScope {

	private static final Pattern ENCODED_DOT = Pattern.compile("%2e", Pattern.CASE_INSENSITIVE);

	private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%2f|%5c", Pattern.CASE_INSENSITIVE);

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

	private final String scheme;

	private final String host;

	private final int port;

	/**
	 * The port of a request of the base URL's scheme that names none.
	 */
	private final int defaultPort;

	private final String path;

	private ConductorApiScope(String scheme, String host, int port, String path) {
		this.scheme = scheme;
		this.host = host;
		this.port = port;
		this.defaultPort = port(scheme, -1);
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
		return new ConductorApiScope(scheme.toLowerCase(Locale.ROOT), canonicalHost(baseUrl.getHost()),
				port(scheme, baseUrl.getPort()), trimmed(resolved(rawPath(baseUrl), false)));
	}

	/**
	 * Return whether a request to {@code uri} may carry the token.
	 * @param uri the request URI
	 * @return whether it is in scope
	 */
	public boolean contains(URI uri) {
		return contains(uri.getScheme(), uri.getHost(), uri.getPort(), rawPath(uri));
	}

	/**
	 * Return whether a request to a URL that a client has parsed already may carry the
	 * token, from its parts.
	 * @param scheme the scheme
	 * @param host the host; an IPv6 address with or without brackets
	 * @param port the port, -1 for the scheme's default
	 * @param rawPath the path as sent, percent-encoded
	 * @return whether it is in scope
	 */
	boolean contains(@Nullable String scheme, @Nullable String host, int port, String rawPath) {
		return contains(scheme, host, port, rawPath, 0, rawPath.length());
	}

	/**
	 * Return whether a request to a URL that a client has parsed already may carry the
	 * token, from its parts, the path given as where it lies in a text (the whole URL,
	 * say), so that a client that keeps the URL as text need not copy the path out of it
	 * on every request.
	 * @param scheme the scheme
	 * @param host the host; an IPv6 address with or without brackets
	 * @param port the port, -1 for the scheme's default
	 * @param text a text that holds the path as sent, percent-encoded
	 * @param pathStart where the path starts in {@code text}
	 * @param pathEnd where it ends
	 * @return whether it is in scope
	 */
	boolean contains(@Nullable String scheme, @Nullable String host, int port, String text, int pathStart,
			int pathEnd) {
		if (!isSameOrigin(scheme, host, port)) {
			return false;
		}
		if (isPlain(text, pathStart, pathEnd)) {
			// the path of nearly every request, read the same either way
			return isBelowBasePath(text, pathStart, pathEnd);
		}
		String rawPath = text.substring(pathStart, pathEnd);
		return isBelowBasePath(resolved(rawPath, false)) && isBelowBasePath(resolved(rawPath, true));
	}

	/**
	 * Return whether the path of a request, read either way, is {@code basePath} plus
	 * {@code relativePath}.
	 */
	boolean isPath(String rawPath, String relativePath) {
		return resolvesTo(rawPath, pathOf(relativePath));
	}

	/**
	 * Return the path that {@code relativePath} names below the base path, in the form
	 * that {@link #resolvesTo(String, String)} compares, for a caller that asks about the
	 * same path on every request.
	 */
	String pathOf(String relativePath) {
		return this.path + trimmed(relativePath);
	}

	/**
	 * Return whether the path of a request, read either way, is {@code path}, as
	 * {@link #pathOf(String)} returns it.
	 */
	boolean resolvesTo(String rawPath, String path) {
		return resolvesTo(rawPath, 0, rawPath.length(), path);
	}

	/**
	 * Return whether the path of a request, read either way and given as where it lies in
	 * a text, is {@code path}, as {@link #pathOf(String)} returns it.
	 */
	boolean resolvesTo(String text, int pathStart, int pathEnd, String path) {
		if (isPlain(text, pathStart, pathEnd)) {
			int end = (text.charAt(pathEnd - 1) == '/') ? pathEnd - 1 : pathEnd;
			return end - pathStart == path.length() && text.startsWith(path, pathStart);
		}
		String rawPath = text.substring(pathStart, pathEnd);
		return path.equals(trimmed(resolved(rawPath, false))) || path.equals(trimmed(resolved(rawPath, true)));
	}

	@Override
	public String toString() {
		return this.scheme + "://" + (this.host.indexOf(':') >= 0 ? "[" + this.host + "]" : this.host) + ":" + this.port
				+ this.path;
	}

	private boolean isSameOrigin(@Nullable String scheme, @Nullable String host, int port) {
		// a scheme and host written as the base URL's, the common case, need neither case
		// folding nor a canonical form
		return (this.scheme.equals(scheme) || this.scheme.equalsIgnoreCase(scheme)) && host != null
				&& (this.host.equals(host) || this.host.equals(canonicalHost(host)))
				&& this.port == ((port != -1) ? port : this.defaultPort);
	}

	private boolean isBelowBasePath(String path) {
		return isBelowBasePath(path, 0, path.length());
	}

	private boolean isBelowBasePath(String text, int start, int end) {
		int length = this.path.length();
		return end - start >= length && text.startsWith(this.path, start)
				&& (end - start == length || text.charAt(start + length) == '/');
	}

	/**
	 * The host in one form for every way of writing it: lower case, an IPv6 address
	 * without brackets and in the JDK's form (no DNS lookup happens for a literal).
	 */
	static String canonicalHost(String host) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (bare.indexOf(':') >= 0 && IPV6_LITERAL.matcher(bare).matches()) {
			try {
				return InetAddress.getByName(bare).getHostAddress();
			}
			catch (UnknownHostException ex) {
				// not an address after all: compared as written
			}
		}
		return bare.toLowerCase(Locale.ROOT);
	}

	private static int port(@Nullable String scheme, int port) {
		if (port != -1) {
			return port;
		}
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

	private static String rawPath(URI uri) {
		String path = uri.getRawPath();
		return (path != null) ? path : "";
	}

	/**
	 * The path with its dot segments removed (RFC 3986, 5.2.4), a segment counting as a
	 * dot segment when it is one after decoding {@code %2e} and dropping its path
	 * parameters.
	 * @param rawPath the percent-encoded path
	 * @param encodedSlashSeparates whether {@code %2f} and {@code %5c} separate segments
	 */
	static String resolved(String rawPath, boolean encodedSlashSeparates) {
		if (isPlain(rawPath)) {
			// the path of nearly every request: nothing to resolve
			return rawPath;
		}
		String path = encodedSlashSeparates ? ENCODED_SEPARATOR.matcher(rawPath).replaceAll("/") : rawPath;
		Deque<String> segments = new ArrayDeque<>();
		String[] parts = path.split("/", -1);
		boolean directory = false;
		for (int i = (path.startsWith("/") ? 1 : 0); i < parts.length; i++) {
			String dots = ENCODED_DOT.matcher(parts[i]).replaceAll(".");
			int parameters = dots.indexOf(';');
			dots = (parameters >= 0) ? dots.substring(0, parameters) : dots;
			directory = dots.equals(".") || dots.equals("..");
			if (dots.equals("..")) {
				segments.pollLast();
			}
			else if (!directory) {
				segments.addLast(parts[i]);
			}
		}
		return "/" + String.join("/", segments) + ((directory && !segments.isEmpty()) ? "/" : "");
	}

	/**
	 * Whether a path has nothing to resolve: absolute, with neither an encoded character,
	 * nor path parameters, nor a dot segment.
	 */
	private static boolean isPlain(String rawPath) {
		return isPlain(rawPath, 0, rawPath.length());
	}

	private static boolean isPlain(String text, int start, int end) {
		if (start >= end || text.charAt(start) != '/') {
			return false;
		}
		for (int i = start + 1; i < end; i++) {
			char c = text.charAt(i);
			if (c == '%' || c == ';' || (c == '.' && text.charAt(i - 1) == '/')) {
				return false;
			}
		}
		return true;
	}

	private static String trimmed(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

}
