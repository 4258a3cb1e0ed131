package dev.conductor.auth.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One table of URLs through the scope decision of every adapter: the {@code RestClient}
 * and {@code RestTemplate} interceptor, the {@code WebClient} filter and the OkHttp
 * interceptor (which sees the URL as OkHttp parsed it). Each request goes through the
 * real adapter to a last interceptor or filter that notes whether it carries the token
 * and ends the request there, so that hosts that do not exist can be asked about too.
 */
class AdapterScopeTests {

	@RegisterExtension
	static final TokenServer conductor = new TokenServer();

	private static final String HEADER = ConductorRequestAuthenticator.DEFAULT_HEADER_NAME;

	/**
	 * One manager for every row: where its tokens come from has nothing to do with the
	 * base URLs of the table.
	 */
	private static ConductorTokenManager tokenManager;

	@BeforeAll
	static void createTokenManager() {
		tokenManager = ConductorTokenManager.builder(conductor.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
			.build();
	}

	@BeforeEach
	void issueTokens() {
		conductor.issuesTokens();
	}

	@AfterAll
	static void closeTokenManager() {
		tokenManager.close();
	}

	@ParameterizedTest(name = "{1} under {0}: {2}")
	@CsvSource({ "https://h/api, https://h/api/tasks, true", "https://h/api, https://H/api/tasks, true",
			"https://h/api, https://h:443/api/tasks, true", "https://h/api, https://h/api, true",
			"https://h/api, https://h/api/, true", "https://h/api/, https://h/api/tasks, true",
			"https://h/api, https://h/api/./tasks, true", "https://h/api, https://h/api/x/../tasks, true",
			"https://h/api, https://h/api/tasks?next=/../../admin, true", "https://h/api, https://h/apix, false",
			"https://h/api, https://h/API/tasks, false", "https://h/api, https://h/api/../tasks, false",
			"https://h/api, https://h/api/%2e%2e/admin, false", "https://h/api, https://h/api/%2E%2E/admin, false",
			"https://h/api, https://h/api/.%2e/admin, false", "https://h/api, https://h/api/%2E./admin, false",
			"https://h/api, https://h/api/%2e/tasks, true", "https://h/api, https://h/api/x/%2E%2e/tasks, true",
			"https://h/api, https://h/api/x/%2e%2e/%2e%2e/admin, false",
			"https://h/api, https://h/api/..;/admin, false", "https://h/api, https://h/api/%2e%2e;v=1/admin, false",
			"https://h/api, https://h/api/x%2f..%2f..%2fadmin, false",
			"https://h/api, https://h/api/x%5C..%5C..%5Cadmin, false",
			"https://h/api, https://h/api/a%2Fb/../.., false", "https://h/api, https://h/api/tasks%2Fpoll, true",
			"https://h/api, http://h/api/tasks, false", "https://h/api, https://h:8443/api/tasks, false",
			"https://h/api, https://other/api/tasks, false", "https://h/api, https://h.evil.example/api/tasks, false",
			"http://[::1]:8080/api, http://[::1]:8080/api/tasks, true",
			"http://[::1]:8080/api, http://[0:0:0:0:0:0:0:1]:8080/api/tasks, true",
			"http://[0:0:0:0:0:0:0:1]:8080/api, http://[::1]:8080/api/tasks, true",
			"http://[0:0:0:0:0:0:0:1]:8080/api, http://[0:0:0:0:0:0:0:1]:8080/api/tasks, true",
			"http://[::1]:8080/api, http://[::2]:8080/api/tasks, false",
			"http://[::1]:8080/api, http://[::1]:8081/api/tasks, false",
			"http://[2001:DB8::1]/api, http://[2001:db8:0:0:0:0:0:1]/api/tasks, true",
			"http://127.0.0.1:8080/api, http://127.0.0.1:8080/api/tasks, true",
			"http://127.0.0.1:8080/api, http://localhost:8080/api/tasks, false", "http://h, http://h/tasks, true",
			"http://h, http://h, true", "http://h, http://h/%2e%2e/tasks, true",
			"https://h/api, https://h/api/tasks?next=/../admin, true",
			"https://h/api, https://h/apix?to=/api/tasks, false", "https://h/api, https://h/x?/api/tasks, false",
			"https://h/api, https://user:pass@h/api/tasks, true" })
	void everyAdapterDecidesAlike(String baseUrl, String url, boolean inScope) {
		ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator
			.builder(tokenManager, URI.create(baseUrl))
			.build();
		Map<String, Boolean> carriesToken = new LinkedHashMap<>();
		carriesToken.put("scope", authenticator.appliesTo(URI.create(url)));
		carriesToken.put("RestClient", restClient(authenticator, url));
		carriesToken.put("RestTemplate", restTemplate(authenticator, url));
		carriesToken.put("WebClient", webClient(authenticator, url));
		carriesToken.put("OkHttp", okHttp(authenticator, url));
		carriesToken.put("request factory", requestFactory(authenticator, url));
		carriesToken.put("connector", connector(authenticator, url));
		assertThat(carriesToken).allSatisfy((adapter, token) -> assertThat(token).as(adapter).isEqualTo(inScope));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "https://h/api/token, true", "https://h/api/./token, true", "https://h/api/token/, true",
			"https://h/api/x/../token, true", "https://h/api/%2e/token, true", "https://h/api/x/%2E%2E/token, true",
			"https://h/api/token/userInfo, false", "https://h/token, false", "https://h/api/tokens, false",
			"https://h/api/token?next=/tasks, true", "https://h/api/tasks?next=/api/token, false" })
	void theTokenEndpointIsToldAlikeFromTheUriAndFromOkHttp(String requestUrl, boolean tokenEndpoint) {
		ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator
			.builder(tokenManager, URI.create("https://h/api"))
			.build();
		ConductorEndpoints endpoints = new ConductorEndpoints(authenticator, "/token");
		HttpUrl url = HttpUrl.get(requestUrl);
		assertThat(endpoints.isTokenEndpointPath(url.encodedPath())).isEqualTo(tokenEndpoint);
		assertThat(endpoints.isTokenEndpoint(URI.create(requestUrl))).isEqualTo(tokenEndpoint);
		// the OkHttp interceptor finds the path in the URL's text: it passes the token
		// endpoint through, and puts the token on every other request in scope
		assertThat(okHttp(authenticator, requestUrl))
			.isEqualTo(!tokenEndpoint && authenticator.appliesTo(URI.create(requestUrl)));
	}

	private static boolean restClient(ConductorRequestAuthenticator authenticator, String url) {
		Recorder recorder = new Recorder();
		RestClient client = RestClient.builder()
			.requestInterceptor(new ConductorAuthInterceptor(authenticator))
			.requestInterceptor(
					(request, body, execution) -> recorder.record(request.getHeaders().getFirst(HEADER) != null))
			.build();
		assertThatExceptionOfType(Recorded.class)
			.isThrownBy(() -> client.get().uri(URI.create(url)).retrieve().toBodilessEntity());
		return recorder.carriesToken;
	}

	private static boolean restTemplate(ConductorRequestAuthenticator authenticator, String url) {
		Recorder recorder = new Recorder();
		RestTemplate client = new RestTemplate();
		client.getInterceptors().add(new ConductorAuthInterceptor(authenticator));
		client.getInterceptors()
			.add((request, body, execution) -> recorder.record(request.getHeaders().getFirst(HEADER) != null));
		assertThatExceptionOfType(Recorded.class)
			.isThrownBy(() -> client.exchange(URI.create(url), HttpMethod.GET, null, String.class));
		return recorder.carriesToken;
	}

	private static boolean webClient(ConductorRequestAuthenticator authenticator, String url) {
		Recorder recorder = new Recorder();
		WebClient client = WebClient.builder()
			.filter(new ConductorAuthExchangeFilter(authenticator))
			.filter((request, next) -> Mono
				.fromCallable(() -> recorder.record(request.headers().getFirst(HEADER) != null)))
			.build();
		assertThatExceptionOfType(Recorded.class)
			.isThrownBy(() -> client.get().uri(URI.create(url)).retrieve().toBodilessEntity().block());
		return recorder.carriesToken;
	}

	private static boolean okHttp(ConductorRequestAuthenticator authenticator, String url) {
		Recorder recorder = new Recorder();
		OkHttpClient client = new OkHttpClient.Builder()
			.addInterceptor(new ConductorAuthOkHttpInterceptor(authenticator, "/token"))
			.addInterceptor((chain) -> recorder.record(chain.request().header(HEADER) != null))
			.followRedirects(false)
			.build();
		assertThatExceptionOfType(Recorded.class)
			.isThrownBy(() -> client.newCall(new Request.Builder().url(url).build()).execute());
		return recorder.carriesToken;
	}

	/**
	 * Whether the request factory of a client that follows redirects sends the request
	 * through the one without redirects, as it does the requests that carry the token.
	 */
	private static boolean requestFactory(ConductorRequestAuthenticator authenticator, String url) {
		Recorder recorder = new Recorder();
		ConductorScopedRequestFactory requestFactory = new ConductorScopedRequestFactory(authenticator,
				(uri, method) -> recorder.record(false), () -> (uri, method) -> recorder.record(true),
				RedirectPolicy.FOLLOW);
		assertThatExceptionOfType(Recorded.class)
			.isThrownBy(() -> requestFactory.createRequest(URI.create(url), HttpMethod.GET));
		return recorder.carriesToken;
	}

	/**
	 * Whether the connector of a client that follows redirects sends the request through
	 * the one without redirects, as it does the requests that carry the token.
	 */
	private static boolean connector(ConductorRequestAuthenticator authenticator, String url) {
		Recorder recorder = new Recorder();
		ConductorScopedClientHttpConnector connector = new ConductorScopedClientHttpConnector(authenticator,
				(method, uri, callback) -> Mono.fromCallable(() -> recorder.record(false)),
				() -> (method, uri, callback) -> Mono.fromCallable(() -> recorder.record(true)), RedirectPolicy.FOLLOW);
		assertThatExceptionOfType(Recorded.class)
			.isThrownBy(() -> connector.connect(HttpMethod.GET, URI.create(url), (request) -> Mono.empty()).block());
		return recorder.carriesToken;
	}

	/**
	 * Notes whether the request that reaches it carries the token (or would), and ends
	 * it.
	 */
	private static final class Recorder {

		private boolean carriesToken;

		<T> T record(boolean carriesToken) {
			this.carriesToken = carriesToken;
			throw new Recorded();
		}

	}

	/**
	 * Ends a request where the recorder saw it, before it goes out.
	 */
	private static final class Recorded extends RuntimeException {

		Recorded() {
			super("recorded", null, false, false);
		}

	}

}
