package dev.conductor.auth.client;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.conductor.auth.token.ConductorTokenManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ConductorEndpoints}: which client base paths are the base URL, and which
 * requests go to the token endpoint.
 */
class ConductorEndpointsTests {

	private final ConductorEndpoints endpoints = endpoints("https://conductor.example/api");

	@Test
	void theBaseUrlWithOrWithoutATrailingSlashIsTheBaseUrl() {
		assertThat(this.endpoints.isBaseUrl("https://conductor.example/api")).isTrue();
		assertThat(this.endpoints.isBaseUrl("https://conductor.example/api/")).isTrue();
		assertThat(this.endpoints.isBaseUrl("HTTPS://Conductor.Example:443/api")).isTrue();
		assertThat(endpoints("https://conductor.example/api/").isBaseUrl("https://conductor.example/api")).isTrue();
	}

	@Test
	void anotherServerPortSchemeOrPathIsNotTheBaseUrl() {
		assertThat(this.endpoints.isBaseUrl("https://other.example/api")).isFalse();
		assertThat(this.endpoints.isBaseUrl("https://conductor.example:8443/api")).isFalse();
		assertThat(this.endpoints.isBaseUrl("http://conductor.example/api")).isFalse();
		assertThat(this.endpoints.isBaseUrl("https://conductor.example/apix")).isFalse();
		assertThat(this.endpoints.isBaseUrl("https://conductor.example/api/v2")).isFalse();
		assertThat(this.endpoints.isBaseUrl("https://conductor.example")).isFalse();
		assertThat(this.endpoints.isBaseUrl("not a url")).isFalse();
	}

	@Test
	void onlyTheTokenPathItselfIsTheTokenEndpoint() {
		assertThat(this.endpoints.isTokenPath("/token")).isTrue();
		assertThat(this.endpoints.isTokenPath("/token/")).isTrue();
		assertThat(this.endpoints.isTokenPath("/token/userInfo")).isFalse();
		assertThat(this.endpoints.isTokenPath("/tasks/poll/{taskType}")).isFalse();
		assertThat(this.endpoints.isTokenEndpoint(URI.create("https://conductor.example/api/token"))).isTrue();
		assertThat(this.endpoints.isTokenEndpoint(URI.create("https://conductor.example/api/./token"))).isTrue();
		assertThat(this.endpoints.isTokenEndpoint(URI.create("https://conductor.example/api/token/userInfo")))
			.isFalse();
		assertThat(this.endpoints.isTokenEndpoint(URI.create("https://other.example/api/token"))).isFalse();
		assertThat(this.endpoints.isTokenEndpoint(URI.create("https://conductor.example/token"))).isFalse();
	}

	@Test
	void aBaseUrlWithoutPathHasItsTokenEndpointAtTheRoot() {
		ConductorEndpoints root = endpoints("https://conductor.example");
		assertThat(root.isBaseUrl("https://conductor.example/")).isTrue();
		assertThat(root.isTokenEndpoint(URI.create("https://conductor.example/token"))).isTrue();
	}

	@Test
	void theTokenPathMustStartWithASlash() {
		ConductorRequestAuthenticator authenticator = authenticator("https://conductor.example/api");
		assertThatIllegalArgumentException().isThrownBy(() -> new ConductorEndpoints(authenticator, "token"));
	}

	private static ConductorEndpoints endpoints(String baseUrl) {
		return new ConductorEndpoints(authenticator(baseUrl), "/token");
	}

	private static ConductorRequestAuthenticator authenticator(String baseUrl) {
		ConductorTokenManager tokenManager = ConductorTokenManager
			.builder(URI.create("https://conductor.example/api/token"), "id", "secret")
			.build();
		return ConductorRequestAuthenticator.builder(tokenManager, URI.create(baseUrl)).build();
	}

}
