package dev.conductor.auth.boot3;

import java.util.List;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;

/**
 * A Spring Boot 3 application as a user would write it with the Boot 3 starter and its
 * three properties: a {@code RestClient}, a {@code RestTemplate} and a {@code WebClient}
 * from Boot's builders, and a worker of the official Conductor Java client. At startup it
 * calls the Conductor API twice with each client and prints what each got; it prints the
 * fatal event and its own shutdown too. Its class path is this module's runtime class
 * path: the Boot 3 starter, WebFlux with Reactor Netty, conductor-client, nothing else.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ConductorClientsApplication {

	/**
	 * The path, below the base URL, that each client calls.
	 */
	public static final String WORKFLOW = "/workflow/e2e";

	/**
	 * The task type that the worker polls for.
	 */
	public static final String TASK_TYPE = "e2e_worker";

	public static void main(String[] args) {
		SpringApplication.run(ConductorClientsApplication.class, args);
	}

	@Bean
	RestClient restClient(RestClient.Builder builder, @Value("${conductor.auth.base-url}") String baseUrl) {
		return builder.baseUrl(baseUrl).build();
	}

	@Bean
	RestTemplate restTemplate(RestTemplateBuilder builder, @Value("${conductor.auth.base-url}") String baseUrl) {
		return builder.rootUri(baseUrl).errorHandler(new KeepErrors()).build();
	}

	@Bean
	WebClient webClient(WebClient.Builder builder, @Value("${conductor.auth.base-url}") String baseUrl) {
		return builder.baseUrl(baseUrl).build();
	}

	@Bean
	TaskClient taskClient(ConductorClient conductorClient) {
		return new TaskClient(conductorClient);
	}

	@Bean(initMethod = "init")
	TaskRunnerConfigurer taskRunnerConfigurer(TaskClient taskClient) {
		return new TaskRunnerConfigurer.Builder(taskClient, List.of(new PollingWorker())).withThreadCount(1)
			.withShutdownGracePeriodSeconds(2)
			.build();
	}

	@Bean
	Markers markers() {
		return new Markers();
	}

	@Bean
	ApplicationRunner callEachClient(RestClient restClient, RestTemplate restTemplate, WebClient webClient) {
		return (args) -> {
			for (int round = 1; round <= 2; round++) {
				print("RestClient", round, restClient.get()
					.uri(WORKFLOW)
					.exchange((request, response) -> answer(response.getStatusCode().value(),
							StreamUtils.copyToString(response.getBody(), java.nio.charset.StandardCharsets.UTF_8))));
				var entity = restTemplate.getForEntity(WORKFLOW, String.class);
				print("RestTemplate", round, answer(entity.getStatusCode().value(), entity.getBody()));
				print("WebClient", round,
						webClient.get()
							.uri(WORKFLOW)
							.exchangeToMono((response) -> response.bodyToMono(String.class)
								.defaultIfEmpty("")
								.map((body) -> answer(response.statusCode().value(), body)))
							.block());
			}
			System.out.println("E2E calls done");
		};
	}

	private static void print(String client, int round, String answer) {
		System.out.println("E2E " + client + " round " + round + ": " + answer);
	}

	private static String answer(int status, String body) {
		return status + " " + body;
	}

	/**
	 * Lets 4xx and 5xx answers through as responses, so that the output shows them.
	 */
	private static final class KeepErrors implements ResponseErrorHandler {

		@Override
		public boolean hasError(ClientHttpResponse response) {
			return false;
		}

	}

	/**
	 * A worker that completes whatever it gets, polling every 50 ms.
	 */
	private static final class PollingWorker implements Worker {

		@Override
		public String getTaskDefName() {
			return TASK_TYPE;
		}

		@Override
		public TaskResult execute(Task task) {
			TaskResult result = new TaskResult(task);
			result.setStatus(TaskResult.Status.COMPLETED);
			return result;
		}

		@Override
		public int getPollingInterval() {
			return 50;
		}

	}

	/**
	 * Prints the fatal event and the shutdown, which the test looks for.
	 */
	static class Markers {

		@EventListener
		void onFatal(ConductorAuthenticationFatalEvent event) {
			System.out.println("E2E fatal event: attempts=" + event.getAttempts() + " exitCode=" + event.getExitCode());
		}

		@PreDestroy
		void preDestroy() {
			System.out.println("E2E @PreDestroy ran");
		}

	}

}
