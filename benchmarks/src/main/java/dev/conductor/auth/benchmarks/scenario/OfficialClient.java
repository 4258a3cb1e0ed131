package dev.conductor.auth.benchmarks.scenario;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.ConnectionPoolConfig;
import com.netflix.conductor.client.http.HeaderSupplier;
import com.netflix.conductor.client.http.TaskClient;
import io.orkes.conductor.client.ApiClient;
import io.orkes.conductor.client.http.OrkesAuthentication;

/**
 * Their side: the official Conductor Java client as its documentation sets it up,
 * {@code ApiClient.builder().credentials(keyId, keySecret)}, which installs
 * {@link OrkesAuthentication} as a header supplier and its
 * {@code TokenRefreshInterceptor} in OkHttp, and a {@link TaskClient} on top. Two header
 * suppliers of ours, one on each side of theirs, only mark the time (see
 * {@link TokenWait}). The token refresh interval is set through the client's own
 * property, scaled like ours (see {@link ScenarioSettings}).
 */
public final class OfficialClient implements ScenarioClient {

	private final ApiClient apiClient;

	private final TaskClient taskClient;

	private OfficialClient(ApiClient apiClient) {
		this.apiClient = apiClient;
		this.taskClient = new TaskClient(apiClient);
	}

	/**
	 * Start a client of the stub. Like the official client, it mints its first token
	 * while it is built.
	 * @param stub the server
	 * @return the client
	 */
	public static OfficialClient start(ConductorStub stub) {
		return new OfficialClient(apiClient(stub.baseUri().toString()));
	}

	/**
	 * Build the official client for a base URL, with the scenarios' refresh interval.
	 * @param baseUrl the API base URL
	 * @return the client
	 */
	public static synchronized ApiClient apiClient(String baseUrl) {
		// the client reads its refresh interval from the environment or a system
		// property, when credentials(…) creates its OrkesAuthentication
		System.setProperty(OrkesAuthentication.PROP_TOKEN_REFRESH_INTERVAL,
				Long.toString(ScenarioSettings.OFFICIAL_REFRESH_INTERVAL.toSeconds()));
		try {
			return ApiClient.builder()
				.basePath(baseUrl)
				.readTimeout(30_000)
				.connectionPoolConfig(new ConnectionPoolConfig(ScenarioSettings.IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
				.addHeaderSupplier(new Mark(true))
				.credentials(ConductorStub.KEY_ID, ConductorStub.KEY_SECRET)
				.addHeaderSupplier(new Mark(false))
				.build();
		}
		finally {
			System.clearProperty(OrkesAuthentication.PROP_TOKEN_REFRESH_INTERVAL);
		}
	}

	@Override
	public int poll(String taskType) {
		try {
			this.taskClient.batchPollTasksInDomain(taskType, null, "benchmark", 1, 100);
			return 200;
		}
		catch (ConductorClientException ex) {
			return Math.max(ex.getStatus(), NO_ANSWER);
		}
		catch (RuntimeException ex) {
			return NO_ANSWER;
		}
	}

	/**
	 * The client, for the scenarios that run its task runner.
	 * @return the client
	 */
	public ConductorClient conductorClient() {
		return this.apiClient;
	}

	@Override
	public void close() {
		this.apiClient.shutdown();
	}

	/**
	 * A header supplier that adds no header and marks the time, before or after the
	 * official client's authentication.
	 */
	private static final class Mark implements HeaderSupplier {

		private final boolean before;

		Mark(boolean before) {
			this.before = before;
		}

		@Override
		public void init(ConductorClient client) {
		}

		@Override
		public Map<String, String> get(String method, String path) {
			if (!"/token".equalsIgnoreCase(path)) {
				if (this.before) {
					TokenWait.before();
				}
				else {
					TokenWait.after();
				}
			}
			return Map.of();
		}

	}

}
