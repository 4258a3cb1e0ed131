package dev.conductor.auth.client;

import java.net.URI;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.conductor.auth.token.ConductorTokenManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OkHttp interceptor decides the scope and the token endpoint on the parts of the
 * parsed {@link HttpUrl}: the same answers as the other adapters give from the
 * {@link URI}.
 */
class OkHttpScopeTests {

	@ParameterizedTest
	@CsvSource({ "https://h/api, https://h/api/tasks, true", "https://h/api, https://H/api/tasks, true",
			"https://h/api, https://h:443/api/tasks, true", "https://h/api, https://h/api, true",
			"https://h/api, https://h/api/, true", "https://h/api, https://h/api/./tasks, true",
			"https://h/api, https://h/api/x/../tasks, true", "https://h/api, https://h/apix, false",
			"https://h/api, https://h/api/../tasks, false", "https://h/api, https://h/api/%2e%2e/tasks, false",
			"https://h/api, http://h/api/tasks, false", "https://h/api, https://h:8443/api/tasks, false",
			"https://h/api, https://other/api/tasks, false", "https://h/api, https://h.evil.example/api/tasks, false",
			"http://[::1]:8080/api, http://[::1]:8080/api/tasks, true",
			"http://[::1]:8080/api, http://[::2]:8080/api/tasks, false",
			"http://127.0.0.1:8080/api, http://127.0.0.1:8080/api/tasks, true", "http://h, http://h/tasks, true" })
	void decidesTheScopeAsFromTheUri(String baseUrl, String requestUrl, boolean inScope) {
		ConductorApiScope scope = ConductorApiScope.of(URI.create(baseUrl));
		HttpUrl url = HttpUrl.get(requestUrl);
		assertThat(ConductorAuthOkHttpInterceptor.inScope(scope, url)).isEqualTo(inScope);
		assertThat(scope.contains(url.uri())).isEqualTo(inScope);
	}

	@ParameterizedTest
	@CsvSource({ "https://h/api/token, true", "https://h/api/./token, true", "https://h/api/token/, true",
			"https://h/api/x/../token, true", "https://h/api/token/userInfo, false", "https://h/token, false",
			"https://h/api/tokens, false" })
	void tellsTheTokenEndpointAsFromTheUri(String requestUrl, boolean tokenEndpoint) {
		ConductorTokenManager tokenManager = ConductorTokenManager
			.builder(URI.create("https://h/api/token"), "id", "secret")
			.build();
		ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator
			.builder(tokenManager, URI.create("https://h/api"))
			.build();
		ConductorEndpoints endpoints = new ConductorEndpoints(authenticator, "/token");
		HttpUrl url = HttpUrl.get(requestUrl);
		assertThat(endpoints.isTokenEndpointPath(url.encodedPath())).isEqualTo(tokenEndpoint);
		assertThat(endpoints.isTokenEndpoint(url.uri())).isEqualTo(tokenEndpoint);
	}

}
