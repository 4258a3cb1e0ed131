package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.conductor.auth.sample.simulator.SimulatedTokens.Verdict;

/**
 * A Conductor server in miniature, on a free loopback port. {@code POST /api/token}
 * checks the key and issues short-lived HS256 JWTs; the API endpoints that the sample
 * uses (workflow metadata, task poll, batch poll for the {@value #WORKER_TASK_TYPE}
 * worker, task update) check {@code X-Authorization} and answer like Conductor does: 401
 * {@code EXPIRED_TOKEN} for an expired token, 401 {@code INVALID_TOKEN} for a missing or
 * unknown one, 403 {@code INVALID_TOKEN} for a revoked one, and a permission 403 without
 * {@code error} for the task type {@value #FORBIDDEN_TASK_TYPE}. Controls under
 * {@code /simulator} revoke the current token, take the token endpoint down for a while,
 * and slow it down.
 *
 * <pre class="code">
 * try (ConductorSimulator simulator = ConductorSimulator.start("key-id", "key-secret", Duration.ofSeconds(30), Clock.systemUTC())) {
 *     simulator.apiUrl(); // http://127.0.0.1:PORT/api
 * }
 * </pre>
 */
public final class ConductorSimulator implements AutoCloseable {

	/**
	 * The task type that the sample's key may not poll.
	 */
	public static final String FORBIDDEN_TASK_TYPE = "forbidden_task";

	/**
	 * The task type of the official client's worker in the sample.
	 */
	public static final String WORKER_TASK_TYPE = "hello_task";

	private static final String TOKEN_HEADER = "X-Authorization";

	private final SimulatedTokens tokens;

	private final SimulatedTokenEndpoint tokenEndpoint;

	private final SimulatedTasks tasks;

	private final HttpServer server;

	private final ExecutorService executor;

	private ConductorSimulator(String keyId, String keySecret, Duration tokenLifetime, Clock clock) throws IOException {
		this.tokens = new SimulatedTokens(clock, tokenLifetime);
		this.tokenEndpoint = new SimulatedTokenEndpoint(keyId, keySecret, clock, this.tokens);
		this.tasks = new SimulatedTasks(clock);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("conductor-simulator-");
		threads.setDaemon(true);
		this.executor = Executors.newFixedThreadPool(8, threads);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/api", this::api);
		this.server.createContext("/simulator", new SimulatorControls(this)::handle);
		this.server.start();
	}

	/**
	 * Start a simulator on a free loopback port.
	 * @param keyId the application key id it accepts
	 * @param keySecret the application key secret it accepts
	 * @param tokenLifetime how long its tokens live
	 * @param clock its clock
	 * @return the running simulator
	 * @throws IOException if no port could be bound
	 */
	public static ConductorSimulator start(String keyId, String keySecret, Duration tokenLifetime, Clock clock)
			throws IOException {
		return new ConductorSimulator(keyId, keySecret, tokenLifetime, clock);
	}

	/**
	 * Return the base URL of the simulated Conductor API, for
	 * {@code conductor.auth.base-url}.
	 * @return the base URL
	 */
	public URI apiUrl() {
		return URI.create(controlUrl().toString().replace("/simulator", "/api"));
	}

	/**
	 * Return the base URL of the controls.
	 * @return the base URL
	 */
	public URI controlUrl() {
		InetSocketAddress address = this.server.getAddress();
		return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/simulator");
	}

	/**
	 * Revoke the token issued last: the server answers it with 403 {@code INVALID_TOKEN}.
	 * @return whether a token was revoked
	 */
	public boolean revokeCurrentToken() {
		return this.tokens.revokeCurrent();
	}

	/**
	 * Whether the token issued last has been accepted by the API at least once.
	 * @return whether it is in use
	 */
	public boolean currentTokenInUse() {
		return this.tokens.currentInUse();
	}

	/**
	 * Answer token requests with 503 for a while.
	 * @param duration how long, from now
	 */
	public void outage(Duration duration) {
		this.tokenEndpoint.outage(duration);
	}

	/**
	 * Answer token requests only after this delay.
	 * @param latency the delay
	 */
	public void tokenLatency(Duration latency) {
		this.tokenEndpoint.latency(latency);
	}

	/**
	 * Return how many tokens were issued.
	 * @return the count
	 */
	public int tokensIssued() {
		return this.tokenEndpoint.tokensIssued();
	}

	/**
	 * Return how many tasks were completed.
	 * @return the count
	 */
	public int tasksCompleted() {
		return this.tasks.tasksCompleted();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void api(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath().substring("/api".length());
			if (method.equals("POST") && path.equals("/token")) {
				this.tokenEndpoint.token(exchange);
				return;
			}
			Verdict verdict = this.tokens.verify(exchange.getRequestHeaders().getFirst(TOKEN_HEADER));
			if (verdict != Verdict.VALID) {
				this.tokenEndpoint.reject(exchange, verdict);
			}
			else {
				this.tasks.handle(exchange, method, path);
			}
		}
	}

}
