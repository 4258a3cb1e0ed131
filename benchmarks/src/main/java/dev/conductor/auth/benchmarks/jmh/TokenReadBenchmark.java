package dev.conductor.auth.benchmarks.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.netflix.conductor.client.http.ConductorClient;
import io.orkes.conductor.client.http.OrkesAuthentication;
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

import dev.conductor.auth.benchmarks.scenario.ConductorStub;
import dev.conductor.auth.token.ConductorToken;
import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.ConductorTokenSource;

/**
 * Reading a valid token: our token manager, built for an Orkes application key and built
 * from a {@link ConductorTokenSource}, against the official client's
 * {@link OrkesAuthentication} (a Guava cache behind a lock-free read), and the official
 * header supplier's {@code get}, which its client calls once per request. Not final: JMH
 * extends benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
public class TokenReadBenchmark {

	private LocalTokenEndpoint endpoint;

	private ConductorTokenManager ours;

	private ConductorTokenManager oursFromSource;

	private ConductorClient theirClient;

	private OrkesAuthentication theirs;

	@Setup
	public void setUp() {
		this.endpoint = LocalTokenEndpoint.start();
		this.ours = this.endpoint.tokenManager();
		// a source in memory, as an application's own bean would be: the manager reads
		// the
		// token's life from its JWT exp claim, an hour ahead
		ConductorTokenSource source = () -> ConductorToken.of(InMemoryConductor.TOKEN);
		this.oursFromSource = ConductorTokenManager.builder(source).build();
		this.oursFromSource.start();
		this.oursFromSource.getToken();
		this.theirs = new OrkesAuthentication(ConductorStub.KEY_ID, ConductorStub.KEY_SECRET);
		this.theirClient = ConductorClient.builder()
			.basePath("http://conductor.invalid/api")
			.addHeaderSupplier(this.theirs)
			.configureOkHttp((builder) -> builder.addInterceptor(new InMemoryConductor()))
			.build();
	}

	@TearDown
	public void tearDown() {
		this.ours.close();
		this.oursFromSource.close();
		this.endpoint.close();
		this.theirClient.shutdown();
	}

	@Benchmark
	public @Nullable String oursGetToken() {
		return this.ours.getToken();
	}

	@Benchmark
	public @Nullable String oursGetTokenIfValid() {
		return this.ours.getTokenIfValid();
	}

	@Benchmark
	public @Nullable String oursFromSourceGetToken() {
		return this.oursFromSource.getToken();
	}

	@Benchmark
	public @Nullable String oursFromSourceGetTokenIfValid() {
		return this.oursFromSource.getTokenIfValid();
	}

	@Benchmark
	public String theirsGetToken() {
		return this.theirs.getToken();
	}

	@Benchmark
	public Map<String, String> theirsHeaderSupplier() {
		return this.theirs.get("GET", "/tasks/poll/batch/benchmark_task");
	}

}
