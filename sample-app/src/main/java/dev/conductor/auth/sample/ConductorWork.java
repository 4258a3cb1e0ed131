package dev.conductor.auth.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The sample's work, every {@code demo.interval}: read the workflow definitions with a
 * {@code RestClient}, poll a {@code sample_task} with a {@code RestTemplate} and complete
 * it with a {@code WebClient}; every third round, also poll a task type the key may not
 * poll, to show a permission 403 that the starter leaves alone. None of these clients
 * knows about tokens: they come from Boot's builders.
 */
@Component
class ConductorWork {

	private static final Logger logger = LoggerFactory.getLogger("sample");

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private final RestClient restClient;

	private final RestTemplate restTemplate;

	private final WebClient webClient;

	private final AtomicInteger rounds = new AtomicInteger();

	ConductorWork(RestClient.Builder restClient, RestTemplateBuilder restTemplate, WebClient.Builder webClient,
			@Value("${conductor.auth.base-url}") String baseUrl) {
		this.restClient = restClient.baseUrl(baseUrl).build();
		this.restTemplate = restTemplate.rootUri(baseUrl).build();
		this.webClient = webClient.baseUrl(baseUrl).build();
	}

	@Scheduled(initialDelayString = "${demo.initial-delay:1s}", fixedDelayString = "${demo.interval:5s}")
	void round() {
		int round = this.rounds.incrementAndGet();
		readWorkflowDefinitions();
		Map<String, Object> task = poll("sample_task");
		if (task != null) {
			complete(task);
		}
		if (round % 3 == 0) {
			pollForbidden();
		}
	}

	private void readWorkflowDefinitions() {
		call("RestClient  ", "GET ", "/metadata/workflow", () -> {
			List<?> definitions = this.restClient.get().uri("/metadata/workflow").retrieve().body(List.class);
			return "200 OK, " + ((definitions != null) ? definitions.size() : 0) + " workflow definitions";
		});
	}

	private Map<String, Object> poll(String taskType) {
		Object[] task = new Object[1];
		call("RestTemplate", "GET ", "/tasks/poll/" + taskType, () -> {
			ResponseEntity<Map<String, Object>> response = this.restTemplate.exchange("/tasks/poll/{taskType}",
					HttpMethod.GET, null, OBJECT, taskType);
			task[0] = response.getBody();
			return response.getStatusCode().value() + ((response.getBody() != null)
					? " OK, task " + response.getBody().get("taskId") : " no task to do");
		});
		@SuppressWarnings("unchecked")
		Map<String, Object> polled = (Map<String, Object>) task[0];
		return polled;
	}

	private void complete(Map<String, Object> task) {
		Object taskId = task.get("taskId");
		Map<String, Object> result = Map.of("taskId", taskId, "workflowInstanceId", task.get("workflowInstanceId"),
				"status", "COMPLETED", "outputData", Map.of("message", "Hello World!"));
		call("WebClient   ", "POST", "/tasks", () -> {
			ResponseEntity<String> response = this.webClient.post()
				.uri("/tasks")
				.bodyValue(result)
				.retrieve()
				.toEntity(String.class)
				.block(Duration.ofSeconds(30));
			return ((response != null) ? response.getStatusCode().value() : "no answer") + " OK, task " + taskId
					+ " COMPLETED";
		});
	}

	private void pollForbidden() {
		String path = "/tasks/poll/forbidden_task";
		try {
			this.restClient.get().uri(path).retrieve().toBodilessEntity();
			logger.info("RestClient   GET  {} -> allowed", path);
		}
		catch (RestClientResponseException ex) {
			logger.info("RestClient   GET  {} -> {} {}: a permission error, passed through untouched (no new token)",
					path, ex.getStatusCode().value(), ex.getResponseBodyAsString());
		}
		catch (RuntimeException ex) {
			logger.warn("RestClient   GET  {} -> failed: {}: {}", path, ex.getClass().getSimpleName(), ex.getMessage());
		}
	}

	private void call(String client, String method, String path, Call call) {
		try {
			logger.info("{} {} {} -> {}", client, method, path, call.run());
		}
		catch (RestClientResponseException ex) {
			logger.warn("{} {} {} -> {} {}", client, method, path, ex.getStatusCode().value(), ex.getStatusText());
		}
		catch (WebClientResponseException ex) {
			logger.warn("{} {} {} -> {} {}", client, method, path, ex.getStatusCode().value(), ex.getStatusText());
		}
		catch (RuntimeException ex) {
			logger.warn("{} {} {} -> failed: {}: {}", client, method, path, ex.getClass().getSimpleName(),
					ex.getMessage());
		}
	}

	@PreDestroy
	void stop() {
		logger.info("Graceful shutdown: the work loop stopped after {} rounds", this.rounds.get());
	}

	@FunctionalInterface
	private interface Call {

		String run();

	}

}
