package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static dev.conductor.auth.sample.simulator.SimulatorExchanges.readJson;
import static dev.conductor.auth.sample.simulator.SimulatorExchanges.send;
import static dev.conductor.auth.sample.simulator.SimulatorExchanges.sendText;

/**
 * The simulator's API behind the token check: workflow metadata, task polls (a permission
 * 403 for {@value ConductorSimulator#FORBIDDEN_TASK_TYPE}), the official client's batch
 * poll, and task updates.
 */
final class SimulatedTasks {

	private static final Duration WORKER_TASK_EVERY = Duration.ofSeconds(3);

	private static final Logger logger = LoggerFactory.getLogger(ConductorSimulator.class);

	private final Clock clock;

	private final Map<String, String> inProgress = new ConcurrentHashMap<>();

	private final AtomicInteger tasksCompleted = new AtomicInteger();

	private final AtomicLong nextWorkerTask = new AtomicLong();

	SimulatedTasks(Clock clock) {
		this.clock = clock;
	}

	int tasksCompleted() {
		return this.tasksCompleted.get();
	}

	/**
	 * Answer an API request that carried a valid token.
	 */
	void handle(HttpExchange exchange, String method, String path) throws IOException {
		if (method.equals("GET") && path.equals("/metadata/workflow")) {
			send(exchange, 200, List.of(Map.of("name", "hello_workflow", "version", 1, "tasks", List.of("sample_task")),
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

	private void poll(HttpExchange exchange, String taskType) throws IOException {
		if (taskType.equals(ConductorSimulator.FORBIDDEN_TASK_TYPE)) {
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
	 * {@value ConductorSimulator#WORKER_TASK_TYPE} task is due, so that the worker shows
	 * one task every {@link #WORKER_TASK_EVERY} instead of as many as it can take.
	 */
	private void batchPoll(HttpExchange exchange, String taskType) throws IOException {
		long now = this.clock.millis();
		long due = this.nextWorkerTask.get();
		if (!taskType.equals(ConductorSimulator.WORKER_TASK_TYPE) || now < due
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
		if (taskType.equals(ConductorSimulator.WORKER_TASK_TYPE)) {
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

}
