package dev.conductor.auth.client;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where a redirect leads, as browsers and HTTP clients read it: 301, 302, 303, 307 and
 * 308 with a {@code Location}; a 303, and a 301 or 302 after a POST, continue as a GET
 * without body; a 307 or 308 repeats the method and the body.
 */
final class Redirects {

	/**
	 * The most redirects followed for one request, as the JDK's HTTP client does.
	 */
	static final int MAX_HOPS = 5;

	private Redirects() {
	}

	/**
	 * The next request after a redirect, or {@code null} when there is none to follow.
	 * @param policy whether to follow
	 * @param method the method of the redirected request
	 * @param from the URI of the redirected request
	 * @param status the status of its answer
	 * @param location the answer's {@code Location}, if any
	 */
	static @Nullable Hop next(RedirectPolicy policy, String method, URI from, int status, @Nullable String location) {
		if (policy == RedirectPolicy.DONT_FOLLOW || location == null || !isRedirect(status)) {
			return null;
		}
		URI target;
		try {
			target = from.resolve(URI.create(location.trim()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		String scheme = (target.getScheme() != null) ? target.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null
				|| (policy == RedirectPolicy.FOLLOW_WHEN_POSSIBLE && "https".equalsIgnoreCase(from.getScheme())
						&& scheme.equals("http"))) {
			return null;
		}
		boolean asGet = (status == 303 && !method.equals("HEAD"))
				|| ((status == 301 || status == 302) && method.equals("POST"));
		return new Hop(target, asGet ? "GET" : method, !asGet);
	}

	/**
	 * Whether two URIs share scheme, host and port, each host in any of its forms.
	 */
	static boolean sameOrigin(URI one, URI other) {
		return one.getScheme() != null && one.getScheme().equalsIgnoreCase(other.getScheme()) && one.getHost() != null
				&& other.getHost() != null && ConductorApiScope.canonicalHost(one.getHost())
					.equals(ConductorApiScope.canonicalHost(other.getHost()))
				&& port(one) == port(other);
	}

	private static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
	}

	static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	/**
	 * The next request of a redirect.
	 *
	 * @param uri where it goes
	 * @param method its method
	 * @param keepsBody whether it sends the body again
	 */
	record Hop(URI uri, String method, boolean keepsBody) {

	}

}
