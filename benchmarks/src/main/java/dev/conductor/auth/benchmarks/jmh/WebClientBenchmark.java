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
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;

import dev.conductor.auth.client.ConductorAuthExchangeFilter;
import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.client.TokenErrorDetector;
import dev.conductor.auth.token.ConductorTokenManager;

/**
 * A whole {@code WebClient} request answered in memory by its exchange function: without
 * authentication, with a filter that only sets a constant header (the least an
 * authenticating filter costs), and with {@link ConductorAuthExchangeFilter}, in
 * Conductor's shape ({@code X-Authorization: <token>}) and in OAuth2's
 * ({@code Authorization: Bearer <token>}). Reactor's operators take longer to compile:
 * this class warms up longer. Not final: JMH extends benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 6, time = 1)
public class WebClientBenchmark {

	private static final URI BASE_URL = URI.create("http://conductor.invalid/api");

	private static final URI POLL = URI.create(BASE_URL + "/tasks/poll/batch/benchmark_task?count=1");

	private LocalTokenEndpoint endpoint;

	private ConductorTokenManager tokenManager;

	private WebClient noAuth;

	private WebClient fixedHeader;

	private WebClient conductorAuth;

	private WebClient conductorAuthBearer;

	@Setup
	public void setUp() {
		this.endpoint = LocalTokenEndpoint.start();
		this.tokenManager = this.endpoint.tokenManager();
		ExchangeStrategies strategies = ExchangeStrategies.withDefaults();
		ExchangeFunction inMemory = (request) -> Mono.just(ClientResponse.create(HttpStatus.OK, strategies)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.body("[]")
			.build());
		this.noAuth = WebClient.builder().exchangeStrategies(strategies).exchangeFunction(inMemory).build();
		this.fixedHeader = WebClient.builder()
			.exchangeStrategies(strategies)
			.exchangeFunction(inMemory)
			.filter((request, next) -> next
				.exchange(ClientRequest.from(request).header("X-Authorization", InMemoryConductor.TOKEN).build()))
			.build();
		ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator.builder(this.tokenManager, BASE_URL)
			.build();
		this.conductorAuth = WebClient.builder()
			.exchangeStrategies(strategies)
			.exchangeFunction(inMemory)
			.filter(new ConductorAuthExchangeFilter(authenticator))
			.build();
		this.conductorAuthBearer = WebClient.builder()
			.exchangeStrategies(strategies)
			.exchangeFunction(inMemory)
			.filter(new ConductorAuthExchangeFilter(bearer(this.tokenManager)))
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
		return this.noAuth.get().uri(POLL).retrieve().bodyToMono(String.class).block();
	}

	@Benchmark
	public @Nullable String fixedHeaderFilter() {
		return this.fixedHeader.get().uri(POLL).retrieve().bodyToMono(String.class).block();
	}

	@Benchmark
	public @Nullable String conductorAuthExchangeFilter() {
		return this.conductorAuth.get().uri(POLL).retrieve().bodyToMono(String.class).block();
	}

	@Benchmark
	public @Nullable String conductorAuthExchangeFilterBearer() {
		return this.conductorAuthBearer.get().uri(POLL).retrieve().bodyToMono(String.class).block();
	}

}
