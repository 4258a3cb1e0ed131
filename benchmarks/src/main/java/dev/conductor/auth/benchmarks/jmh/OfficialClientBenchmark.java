package dev.conductor.auth.benchmarks.jmh;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.HeaderSupplier;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import io.orkes.conductor.client.ApiClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.conductor.auth.benchmarks.scenario.ConductorStub;
import dev.conductor.auth.client.ConductorAuthHeaderSupplier;
import dev.conductor.auth.client.ConductorAuthOkHttpInterceptor;
import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.token.ConductorTokenManager;

/**
 * A whole request of the official client (a {@link TaskClient} poll through its
 * {@code ConductorClient} and OkHttp) answered in memory by the last OkHttp interceptor:
 * without credentials; with a header supplier that only returns a constant header (the
 * least its authentication can cost); and with credentials, that is with
 * {@code OrkesAuthentication} as header supplier and {@code TokenRefreshInterceptor} in
 * OkHttp, as {@code ApiClient.builder().credentials(…)} sets them up; and with ours
 * instead, {@link ConductorAuthHeaderSupplier} and
 * {@link ConductorAuthOkHttpInterceptor}, as the starter sets them up. Not final: JMH
 * extends benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
public class OfficialClientBenchmark {

	private static final String BASE_URL = "http://conductor.invalid/api";

	private ConductorClient noAuthClient;

	private ConductorClient fixedHeaderClient;

	private ApiClient credentialsClient;

	private LocalTokenEndpoint endpoint;

	private ConductorTokenManager tokenManager;

	private ConductorClient conductorAuthClient;

	private TaskClient noAuth;

	private TaskClient fixedHeader;

	private TaskClient credentials;

	private TaskClient conductorAuth;

	@Setup
	public void setUp() {
		this.noAuthClient = ConductorClient.builder()
			.basePath(BASE_URL)
			.configureOkHttp((builder) -> builder.addInterceptor(new InMemoryConductor()))
			.build();
		this.fixedHeaderClient = ConductorClient.builder()
			.basePath(BASE_URL)
			.addHeaderSupplier(new FixedHeaderSupplier())
			.configureOkHttp((builder) -> builder.addInterceptor(new InMemoryConductor()))
			.build();
		this.credentialsClient = ApiClient.builder()
			.basePath(BASE_URL)
			.credentials(ConductorStub.KEY_ID, ConductorStub.KEY_SECRET)
			.configureOkHttp((builder) -> builder.addInterceptor(new InMemoryConductor()))
			.build();
		this.endpoint = LocalTokenEndpoint.start();
		this.tokenManager = this.endpoint.tokenManager();
		ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator
			.builder(this.tokenManager, URI.create(BASE_URL))
			.build();
		this.conductorAuthClient = ConductorClient.builder()
			.basePath(BASE_URL)
			.addHeaderSupplier(new ConductorAuthHeaderSupplier(authenticator, "/token"))
			.configureOkHttp(
					(builder) -> builder.addInterceptor(new ConductorAuthOkHttpInterceptor(authenticator, "/token"))
						.followRedirects(false))
			.configureOkHttp((builder) -> builder.addInterceptor(new InMemoryConductor()))
			.build();
		this.conductorAuth = new TaskClient(this.conductorAuthClient);
		this.noAuth = new TaskClient(this.noAuthClient);
		this.fixedHeader = new TaskClient(this.fixedHeaderClient);
		this.credentials = new TaskClient(this.credentialsClient);
	}

	@TearDown
	public void tearDown() {
		this.noAuthClient.shutdown();
		this.fixedHeaderClient.shutdown();
		this.credentialsClient.shutdown();
		this.conductorAuthClient.shutdown();
		this.tokenManager.close();
		this.endpoint.close();
	}

	@Benchmark
	public List<Task> noAuth() {
		return this.noAuth.batchPollTasksInDomain("benchmark_task", null, "benchmark", 1, 100);
	}

	@Benchmark
	public List<Task> fixedHeaderSupplier() {
		return this.fixedHeader.batchPollTasksInDomain("benchmark_task", null, "benchmark", 1, 100);
	}

	@Benchmark
	public List<Task> credentials() {
		return this.credentials.batchPollTasksInDomain("benchmark_task", null, "benchmark", 1, 100);
	}

	@Benchmark
	public List<Task> conductorAuth() {
		return this.conductorAuth.batchPollTasksInDomain("benchmark_task", null, "benchmark", 1, 100);
	}

	/**
	 * A header supplier that returns the same header every time.
	 */
	private static final class FixedHeaderSupplier implements HeaderSupplier {

		private final Map<String, String> header = Map.of("X-Authorization", InMemoryConductor.TOKEN);

		@Override
		public void init(ConductorClient client) {
		}

		@Override
		public Map<String, String> get(String method, String path) {
			return this.header;
		}

	}

}
