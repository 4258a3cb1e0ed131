package dev.conductor.auth.benchmarks.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.client.RestClient;

import dev.conductor.auth.client.ConductorAuthInterceptor;
import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.token.ConductorTokenManager;

/**
 * Our side: a {@link RestClient} with {@link ConductorAuthInterceptor}, wired as the
 * starter wires it, that sends its requests with OkHttp like the official client does
 * (see {@link OkHttpRequestFactory}). The token manager uses the starter's defaults,
 * except the two margins that the scenarios scale down with the token's lifetime (see
 * {@link ScenarioSettings}).
 */
public final class OurClient implements ScenarioClient {

	private final ConductorTokenManager tokenManager;

	private final OkHttpClient httpClient;

	private final RestClient restClient;

	private OurClient(ConductorTokenManager tokenManager, OkHttpClient httpClient, RestClient restClient) {
		this.tokenManager = tokenManager;
		this.httpClient = httpClient;
		this.restClient = restClient;
	}

	/**
	 * Start a client of the stub and wait for its first token.
	 * @param stub the server
	 * @param events where the token manager publishes its events
	 * @return the client
	 */
	public static OurClient start(ConductorStub stub, ApplicationEventPublisher events) {
		ConductorTokenManager tokenManager = ConductorTokenManager
			.builder(stub.tokenUri(), ConductorStub.KEY_ID, ConductorStub.KEY_SECRET)
			.refreshBeforeExpiry(ScenarioSettings.REFRESH_BEFORE_EXPIRY)
			.clockSkew(ScenarioSettings.CLOCK_SKEW)
			.eventPublisher(events)
			.build();
		tokenManager.start();
		tokenManager.getToken();
		ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator
			.builder(tokenManager, stub.baseUri())
			.build();
		OkHttpClient httpClient = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30))
			.connectionPool(new ConnectionPool(ScenarioSettings.IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
			.build();
		RestClient restClient = RestClient.builder()
			.baseUrl(stub.baseUri().toString())
			.requestFactory(new OkHttpRequestFactory(httpClient))
			.requestInterceptor((request, body, execution) -> {
				TokenWait.before();
				return execution.execute(request, body);
			})
			.requestInterceptor(new ConductorAuthInterceptor(authenticator))
			.requestInterceptor((request, body, execution) -> {
				TokenWait.after();
				return execution.execute(request, body);
			})
			.build();
		return new OurClient(tokenManager, httpClient, restClient);
	}

	@Override
	public int poll(String taskType) {
		try {
			return this.restClient.get()
				.uri("/tasks/poll/batch/{taskType}?workerid=benchmark&count=1&timeout=100", taskType)
				.exchange((request, response) -> {
					try {
						response.getBody().readAllBytes();
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
					return response.getStatusCode().value();
				}, true);
		}
		catch (RuntimeException ex) {
			// no token within the acquire timeout, the fatal state, or an I/O error
			return NO_ANSWER;
		}
	}

	@Override
	public void close() {
		this.tokenManager.close();
		this.httpClient.dispatcher().executorService().shutdown();
		this.httpClient.connectionPool().evictAll();
	}

}
