package dev.conductor.auth.client;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.HeaderSupplier;

import dev.conductor.auth.token.ConductorTokenManager;

/**
 * Gives the official Conductor Java client ({@code org.conductoross:conductor-client})
 * the token of a {@link ConductorTokenManager}: every request that a
 * {@link ConductorClient} builds carries it, in the authenticator's header after its
 * prefix, but the one to the token endpoint. It serves clients of the Conductor API base
 * URL only: building a {@code ConductorClient} for another base path with it fails, so
 * that the token cannot go elsewhere. It does not replace a token that the server
 * rejects; {@link ConductorAuthOkHttpInterceptor} does, so the two go together.
 *
 * <p>
 * With the starter, the {@code ConductorClient} bean has both; a client built by hand can
 * take the beans:
 *
 * <pre class="code">
 * ConductorClient client = ConductorClient.builder()
 *     .basePath("https://developer.orkescloud.com/api")
 *     .addHeaderSupplier(conductorAuthHeaderSupplier)
 *     .configureOkHttp((okHttp) -&gt; okHttp.addInterceptor(conductorAuthOkHttpInterceptor)
 *         .followRedirects(false))
 *     .build();
 * TaskClient tasks = new TaskClient(client);
 * </pre>
 *
 * Without {@code followRedirects(false)}, OkHttp would take the token header to wherever
 * a redirect leads: the interceptor then fails every request that would carry the token,
 * before it is sent. Used without the interceptor, this supplier cannot tell.
 */
public final class ConductorAuthHeaderSupplier implements HeaderSupplier {

	private final ConductorRequestAuthenticator authenticator;

	private final ConductorEndpoints endpoints;

	private final Set<ConductorClient> clients = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	/**
	 * The header of the token handed out last: a token serves many requests, and each
	 * asks for its header. Its value is the authenticator's header value of the token
	 * (the token after the header prefix), one instance per token.
	 */
	private volatile Map<String, String> header = Map.of();

	/**
	 * Create a header supplier.
	 * @param authenticator what decides which token goes in which header
	 * @param tokenPath the token endpoint's path below the base URL, such as
	 * {@code /token}: requests to it carry no token
	 */
	public ConductorAuthHeaderSupplier(ConductorRequestAuthenticator authenticator, String tokenPath) {
		this.authenticator = authenticator;
		this.endpoints = new ConductorEndpoints(authenticator, tokenPath);
	}

	/**
	 * Accept a client whose base path is the Conductor API base URL.
	 * @param client the client being built with this supplier
	 * @throws IllegalArgumentException for a client of another base path
	 */
	@Override
	public void init(ConductorClient client) {
		if (!this.endpoints.isBaseUrl(client.getBasePath())) {
			throw new IllegalArgumentException("A ConductorClient for '" + client.getBasePath()
					+ "' cannot take conductor-auth's header supplier: it serves clients of "
					+ this.authenticator.baseUrl() + " only, so that the token goes to no other server");
		}
		this.clients.add(client);
	}

	@Override
	public Map<String, String> get(String method, String path) {
		if (this.endpoints.isTokenPath(path)) {
			return Map.of();
		}
		String token = this.authenticator.tokenManager().getToken();
		if (token == null) {
			return Map.of();
		}
		String value = this.authenticator.headerValue(token);
		Map<String, String> header = this.header;
		if (header.get(this.authenticator.getHeaderName()) != value) {
			header = Map.of(this.authenticator.getHeaderName(), value);
			this.header = header;
		}
		return header;
	}

	/**
	 * Return whether {@code client} was built with this supplier, so that its requests
	 * carry the token.
	 * @param client a client
	 * @return whether this supplier serves it
	 */
	public boolean serves(ConductorClient client) {
		return this.clients.contains(client);
	}

	@Override
	public String toString() {
		return "ConductorAuthHeaderSupplier[" + this.authenticator.baseUrl() + "]";
	}

}
