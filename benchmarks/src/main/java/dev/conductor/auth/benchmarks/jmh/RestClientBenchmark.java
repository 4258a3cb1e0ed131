package dev.conductor.auth.benchmarks.jmh;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
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

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import dev.conductor.auth.client.ConductorAuthInterceptor;
import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.client.TokenErrorDetector;
import dev.conductor.auth.token.ConductorTokenManager;

/**
 * A whole {@code RestClient} request answered in memory: without authentication, with an
 * interceptor that only sets a constant header (the least an authenticating interceptor
 * costs in Spring), and with {@link ConductorAuthInterceptor}, in Conductor's shape
 * ({@code X-Authorization: <token>}) and in OAuth2's
 * ({@code Authorization: Bearer <token>}). Not final: JMH extends benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
public class RestClientBenchmark {

	private static final URI BASE_URL = URI.create("http://conductor.invalid/api");

	private static final URI POLL = URI.create(BASE_URL + "/tasks/poll/batch/benchmark_task?count=1");

	private LocalTokenEndpoint endpoint;

	private ConductorTokenManager tokenManager;

	private RestClient noAuth;

	private RestClient fixedHeader;

	private RestClient conductorAuth;

	private RestClient conductorAuthBearer;

	@Setup
	public void setUp() {
		this.endpoint = LocalTokenEndpoint.start();
		this.tokenManager = this.endpoint.tokenManager();
		InMemoryRequestFactory requestFactory = new InMemoryRequestFactory();
		this.noAuth = RestClient.builder().requestFactory(requestFactory).build();
		this.fixedHeader = RestClient.builder()
			.requestFactory(requestFactory)
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().set("X-Authorization", InMemoryConductor.TOKEN);
				return execution.execute(request, body);
			})
			.build();
		ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator.builder(this.tokenManager, BASE_URL)
			.build();
		this.conductorAuth = RestClient.builder()
			.requestFactory(requestFactory)
			.requestInterceptor(new ConductorAuthInterceptor(authenticator))
			.build();
		this.conductorAuthBearer = RestClient.builder()
			.requestFactory(requestFactory)
			.requestInterceptor(new ConductorAuthInterceptor(bearer(this.tokenManager)))
			.build();
	}

	/**
	 * The OAuth2 shape, for a server behind an issuer or a gateway: {@code Authorization:
	 * Bearer <token>} and the bearer rule for rejections.
	 */
	private static ConductorRequestAuthenticator bearer(ConductorTokenManager tokenManager) {
		return ConductorRequestAuthenticator.builder(tokenManager, BASE_URL)
			.headerName(HttpHeaders.AUTHORIZATION)
			.headerPrefix("Bearer ")
			.tokenErrorDetector(TokenErrorDetector.bearerErrors(TokenErrorDetector.DEFAULT_BEARER_ERRORS))
			.build();
	}

	@TearDown
	public void tearDown() {
		this.tokenManager.close();
		this.endpoint.close();
	}

	@Benchmark
	public @Nullable String noAuth() {
		return this.noAuth.get().uri(POLL).retrieve().body(String.class);
	}

	@Benchmark
	public @Nullable String fixedHeaderInterceptor() {
		return this.fixedHeader.get().uri(POLL).retrieve().body(String.class);
	}

	@Benchmark
	public @Nullable String conductorAuthInterceptor() {
		return this.conductorAuth.get().uri(POLL).retrieve().body(String.class);
	}

	@Benchmark
	public @Nullable String conductorAuthInterceptorBearer() {
		return this.conductorAuthBearer.get().uri(POLL).retrieve().body(String.class);
	}

}
