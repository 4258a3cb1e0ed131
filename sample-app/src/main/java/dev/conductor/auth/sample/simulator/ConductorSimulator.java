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
 * A Conductor server in miniature, on a free loopback port, whose short-lived HS256 JWTs
 * come from one of two {@link Issuer issuers}.
 * <p>
 * By default the server issues them itself, as Orkes Conductor does:
 * {@code POST /api/token} checks the application key; the API endpoints that the sample
 * uses (workflow metadata, task poll, batch poll for the {@value #WORKER_TASK_TYPE}
 * worker, task update) check {@code X-Authorization} and answer like Conductor does: 401
 * {@code EXPIRED_TOKEN} for an expired token, 401 {@code INVALID_TOKEN} for a missing or
 * unknown one, 403 {@code INVALID_TOKEN} for a revoked one, and a permission 403 without
 * {@code error} for the task type {@value #FORBIDDEN_TASK_TYPE}.
 * <p>
 * With {@link Issuer#OAUTH2}, an OAuth2 authorization server issues them to a client
 * (client credentials grant, at {@link #tokenUrl()}), and the same API sits behind a
 * gateway that takes {@code Authorization: Bearer} and answers as RFC 6750 has it: 401
 * with a {@code Bearer} challenge ({@code error="invalid_token"} for an unknown, expired
 * or revoked token), 403 {@code insufficient_scope} for {@value #FORBIDDEN_TASK_TYPE}.
 * <p>
 * Controls under {@code /simulator} revoke the current token, take the token endpoint
 * down for a while, and slow it down, whichever the issuer.
 *
 * <pre class="code">
 * try (ConductorSimulator simulator = ConductorSimulator.start(Issuer.OAUTH2, "client-id", "client-secret", Duration.ofSeconds(30), Clock.systemUTC())) {
 *     simulator.apiUrl(); // http://127.0.0.1:PORT/api
 *     simulator.tokenUrl(); // http://127.0.0.1:PORT/realms/conductor/protocol/openid-connect/token
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

	private final Issuer issuer;

	private final SimulatedTokens tokens;

	private final SimulatedFaults faults;

	private final SimulatedTasks tasks;

	private final HttpServer server;

	private final ExecutorService executor;

	private ConductorSimulator(Issuer issuer, String id, String secret, Duration tokenLifetime, Clock clock)
			throws IOException {
		this.issuer = issuer;
		this.tokens = new SimulatedTokens(clock, tokenLifetime);
		this.faults = new SimulatedFaults(clock);
		this.tasks = new SimulatedTasks(clock);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("conductor-simulator-");
		threads.setDaemon(true);
		this.executor = Executors.newFixedThreadPool(8, threads);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		if (issuer == Issuer.OAUTH2) {
			this.server.createContext(SimulatedOAuth2Issuer.TOKEN_PATH,
					new SimulatedOAuth2Issuer(id, secret, this.tokens, this.faults)::token);
			this.server.createContext("/api", new SimulatedGateway(this.tokens, this.tasks)::handle);
		}
		else {
			SimulatedTokenEndpoint tokenEndpoint = new SimulatedTokenEndpoint(id, secret, clock, this.tokens,
					this.faults);
			this.server.createContext("/api", (exchange) -> api(exchange, tokenEndpoint));
		}
		this.server.createContext("/simulator", new SimulatorControls(this)::handle);
		this.server.start();
	}

	/**
	 * Start a simulator on a free loopback port, whose server issues the tokens itself.
	 * @param keyId the application key id it accepts
	 * @param keySecret the application key secret it accepts
	 * @param tokenLifetime how long its tokens live
	 * @param clock its clock
	 * @return the running simulator
	 * @throws IOException if no port could be bound
	 */
	public static ConductorSimulator start(String keyId, String keySecret, Duration tokenLifetime, Clock clock)
			throws IOException {
		return start(Issuer.CONDUCTOR, keyId, keySecret, tokenLifetime, clock);
	}

	/**
	 * Start a simulator on a free loopback port.
	 * @param issuer who issues the tokens
	 * @param id the application key id or OAuth2 client id it accepts
	 * @param secret the application key secret or OAuth2 client secret it accepts
	 * @param tokenLifetime how long its tokens live
	 * @param clock its clock
	 * @return the running simulator
	 * @throws IOException if no port could be bound
	 */
	public static ConductorSimulator start(Issuer issuer, String id, String secret, Duration tokenLifetime, Clock clock)
			throws IOException {
		return new ConductorSimulator(issuer, id, secret, tokenLifetime, clock);
	}

	/**
	 * Return who issues the tokens.
	 * @return the issuer
	 */
	public Issuer issuer() {
		return this.issuer;
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
	 * Return the URL of the token endpoint: {@code /api/token} on the server, or the
	 * OAuth2 issuer's, for {@code spring.security.oauth2.client.provider.*.token-uri}.
	 * @return the URL
	 */
	public URI tokenUrl() {
		return (this.issuer == Issuer.OAUTH2)
				? URI.create(controlUrl().toString().replace("/simulator", SimulatedOAuth2Issuer.TOKEN_PATH))
				: URI.create(apiUrl() + "/token");
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
	 * Revoke the token issued last: the server answers it with
	 * {@link Issuer#revokedAnswer()}.
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
	 * Whether the token issued last has lived less than a quarter of its lifetime, so
	 * that a client that refreshes it at half of its life or later goes on using it for a
	 * while.
	 * @return whether it is young
	 */
	public boolean currentTokenYoung() {
		return this.tokens.currentYoung();
	}

	/**
	 * Answer token requests with 503 for a while.
	 * @param duration how long, from now
	 */
	public void outage(Duration duration) {
		this.faults.outage(duration);
	}

	/**
	 * Answer token requests only after this delay.
	 * @param latency the delay
	 */
	public void tokenLatency(Duration latency) {
		this.faults.latency(latency);
	}

	/**
	 * Return how many tokens were issued.
	 * @return the count
	 */
	public int tokensIssued() {
		return this.tokens.issued();
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

	private void api(HttpExchange exchange, SimulatedTokenEndpoint tokenEndpoint) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath().substring("/api".length());
			if (method.equals("POST") && path.equals("/token")) {
				tokenEndpoint.token(exchange);
				return;
			}
			Verdict verdict = this.tokens.verify(exchange.getRequestHeaders().getFirst(TOKEN_HEADER));
			if (verdict != Verdict.VALID) {
				tokenEndpoint.reject(exchange, verdict);
			}
			else {
				this.tasks.handle(exchange, method, path);
			}
		}
	}

	/**
	 * Who issues the simulator's tokens.
	 */
	public enum Issuer {

		/**
		 * The Conductor server itself, for an application key, as Orkes Conductor does:
		 * {@code POST /api/token}, then {@code X-Authorization: <token>}.
		 */
		CONDUCTOR("403 INVALID_TOKEN"),

		/**
		 * An OAuth2 authorization server, for a client (client credentials grant), in
		 * front of the API as a gateway: {@code Authorization: Bearer <token>}.
		 */
		OAUTH2("401 invalid_token");

		private final String revokedAnswer;

		Issuer(String revokedAnswer) {
			this.revokedAnswer = revokedAnswer;
		}

		/**
		 * Return how the API answers a revoked token, for a log line.
		 * @return the status and error code
		 */
		public String revokedAnswer() {
			return this.revokedAnswer;
		}

	}

}
