package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

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

	private static final Duration WORKER_TASK_EVERY = Duration.ofSeconds(3);

	private static final Logger logger = LoggerFactory.getLogger(ConductorSimulator.class);

	private static final String TOKEN_HEADER = "X-Authorization";

	private final String keyId;

	private final String keySecret;

	private final Clock clock;

	private final SimulatedTokens tokens;

	private final HttpServer server;

	private final ExecutorService executor;

	private final JsonMapper json = JsonMapper.shared();

	private final Map<String, String> inProgress = new ConcurrentHashMap<>();

	private final AtomicInteger tokensIssued = new AtomicInteger();

	private final AtomicInteger tasksCompleted = new AtomicInteger();

	private final AtomicLong nextWorkerTask = new AtomicLong();

	private volatile long outageUntil;

	private volatile Duration tokenLatency = Duration.ZERO;

	private ConductorSimulator(String keyId, String keySecret, Duration tokenLifetime, Clock clock) throws IOException {
		this.keyId = keyId;
		this.keySecret = keySecret;
		this.clock = clock;
		this.tokens = new SimulatedTokens(clock, tokenLifetime);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("conductor-simulator-");
		threads.setDaemon(true);
		this.executor = Executors.newFixedThreadPool(8, threads);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/api", this::api);
		this.server.createContext("/simulator", this::control);
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
	 * Answer token requests with 503 for a while.
	 * @param duration how long, from now
	 */
	public void outage(Duration duration) {
		this.outageUntil = this.clock.millis() + duration.toMillis();
	}

	/**
	 * Answer token requests only after this delay.
	 * @param latency the delay
	 */
	public void tokenLatency(Duration latency) {
		this.tokenLatency = latency;
	}

	/**
	 * Return how many tokens were issued.
	 * @return the count
	 */
	public int tokensIssued() {
		return this.tokensIssued.get();
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
				token(exchange);
				return;
			}
			Verdict verdict = this.tokens.verify(exchange.getRequestHeaders().getFirst(TOKEN_HEADER));
			if (verdict != Verdict.VALID) {
				rejectToken(exchange, verdict);
			}
			else if (method.equals("GET") && path.equals("/metadata/workflow")) {
				send(exchange, 200,
						List.of(Map.of("name", "hello_workflow", "version", 1, "tasks", List.of("sample_task")),
								Map.of("name", "order_fulfilment", "version", 3, "tasks", List.of("sample_task"))));
			}
			else if (method.equals("GET") && path.startsWith("/tasks/poll/batch/")) {
				batchPoll(exchange, path.substring("/tasks/poll/batch/".length()));
			}
			else if (method.equals("GET") && path.startsWith("/tasks/poll/")) {
				poll(exchange, path.substring("/tasks/poll/".length()));
			}
			else if (method.equals("POST") && (path.equals("/tasks") || path.equals("/tasks/update-v2"))) {
				update(exchange);
			}
			else {
				send(exchange, 404, Map.of("status", 404, "message", "No such endpoint in the simulator: " + path));
			}
		}
	}

	private void token(HttpExchange exchange) throws IOException {
		sleep(this.tokenLatency);
		if (this.clock.millis() < this.outageUntil) {
			send(exchange, 503, Map.of("status", 503, "message", "Token service unavailable (simulated outage)"));
			return;
		}
		JsonNode body = readJson(exchange.getRequestBody());
		if (body == null || !this.keyId.equals(body.path("keyId").asString())
				|| !this.keySecret.equals(body.path("keySecret").asString())) {
			send(exchange, 401, Map.of("status", 401, "message", "Invalid application key id or secret"));
			return;
		}
		this.tokensIssued.incrementAndGet();
		send(exchange, 200, Map.of("token", this.tokens.issue(this.keyId)));
	}

	private void rejectToken(HttpExchange exchange, Verdict verdict) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", switch (verdict) {
			case MISSING -> "Token cannot be null or empty";
			case EXPIRED -> "Token is expired";
			case REVOKED -> "Token has been revoked";
			default -> "Invalid token";
		});
		body.put("error", (verdict == Verdict.EXPIRED) ? "EXPIRED_TOKEN" : "INVALID_TOKEN");
		body.put("timestamp", this.clock.millis());
		send(exchange, (verdict == Verdict.REVOKED) ? 403 : 401, body);
	}

	private void poll(HttpExchange exchange, String taskType) throws IOException {
		if (taskType.equals(FORBIDDEN_TASK_TYPE)) {
			send(exchange, 403, Map.of("status", 403, "message",
					"You don't have permissions to poll tasks of type " + taskType, "retryable", false));
			return;
		}
		String taskId = UUID.randomUUID().toString();
		this.inProgress.put(taskId, taskType);
		send(exchange, 200, Map.of("taskId", taskId, "taskType", taskType, "status", "IN_PROGRESS",
				"workflowInstanceId", UUID.randomUUID().toString(), "inputData", Map.of("name", "World")));
	}

	/**
	 * The poll of the official client's task runner: a list, empty until the next
	 * {@value #WORKER_TASK_TYPE} task is due, so that the worker shows one task every
	 * {@link #WORKER_TASK_EVERY} instead of as many as it can take.
	 */
	private void batchPoll(HttpExchange exchange, String taskType) throws IOException {
		long now = this.clock.millis();
		long due = this.nextWorkerTask.get();
		if (!taskType.equals(WORKER_TASK_TYPE) || now < due
				|| !this.nextWorkerTask.compareAndSet(due, now + WORKER_TASK_EVERY.toMillis())) {
			send(exchange, 200, List.of());
			return;
		}
		String taskId = UUID.randomUUID().toString();
		this.inProgress.put(taskId, taskType);
		send(exchange, 200,
				List.of(Map.of("taskId", taskId, "taskType", taskType, "taskDefName", taskType, "referenceTaskName",
						taskType + "_ref", "status", "IN_PROGRESS", "workflowInstanceId", UUID.randomUUID().toString(),
						"inputData", Map.of("name", "World"))));
	}

	private void update(HttpExchange exchange) throws IOException {
		JsonNode result = readJson(exchange.getRequestBody());
		String taskId = (result != null) ? result.path("taskId").asString() : "";
		String taskType = this.inProgress.remove(taskId);
		if (taskType == null) {
			send(exchange, 404, Map.of("status", 404, "message", "No task in progress with id " + taskId));
			return;
		}
		this.tasksCompleted.incrementAndGet();
		if (taskType.equals(WORKER_TASK_TYPE)) {
			logger.info("[simulator] {} {} {}: output {}", taskType, taskId, result.path("status").asString(),
					result.path("outputData"));
		}
		if (exchange.getRequestURI().getPath().endsWith("/update-v2")) {
			// no next task to hand out with the update
			exchange.sendResponseHeaders(204, -1);
			return;
		}
		sendText(exchange, 200, taskId);
	}

	private void control(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath().substring("/simulator".length());
			MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(exchange.getRequestURI())
				.build()
				.getQueryParams();
			try {
				control(exchange, exchange.getRequestMethod() + " " + path, query);
			}
			catch (NumberFormatException ex) {
				send(exchange, 400, Map.of("status", 400, "message", "Not a number: " + ex.getMessage()));
			}
		}
	}

	private void control(HttpExchange exchange, String request, MultiValueMap<String, String> query)
			throws IOException {
		switch (request) {
			case "POST /revoke" -> send(exchange, 200, Map.of("revoked", revokeCurrentToken()));
			case "POST /outage" -> {
				Duration duration = Duration.ofSeconds(Long.parseLong(first(query, "seconds", "60")));
				outage(duration);
				send(exchange, 200, Map.of("outage", duration.toString()));
			}
			case "POST /latency" -> {
				Duration latency = Duration.ofMillis(Long.parseLong(first(query, "millis", "0")));
				tokenLatency(latency);
				send(exchange, 200, Map.of("tokenLatency", latency.toString()));
			}
			case "GET /stats" -> send(exchange, 200,
					Map.of("tokensIssued", this.tokensIssued.get(), "tasksCompleted", this.tasksCompleted.get()));
			default -> send(exchange, 404,
					Map.of("status", 404, "message",
							"Controls: POST /simulator/revoke, POST /simulator/outage?seconds=N, "
									+ "POST /simulator/latency?millis=N, GET /simulator/stats"));
		}
	}

	private @Nullable JsonNode readJson(InputStream body) {
		try {
			return this.json.readTree(body.readNBytes(64 * 1024));
		}
		catch (IOException | JacksonException ex) {
			return null;
		}
	}

	private void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private void sendText(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static String first(MultiValueMap<String, String> query, String name, String fallback) {
		String value = query.getFirst(name);
		return (value != null) ? value : fallback;
	}

	private static void sleep(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			// a simulated slow server: this thread is the server's, not a caller's
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
