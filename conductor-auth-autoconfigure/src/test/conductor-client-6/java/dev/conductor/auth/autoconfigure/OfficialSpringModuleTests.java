package dev.conductor.auth.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.events.task.TaskPayloadUsedEvent;
import com.netflix.conductor.client.events.task.TaskResultPayloadSizeEvent;
import com.netflix.conductor.client.events.taskrunner.PollStarted;
import com.netflix.conductor.client.events.workflow.WorkflowInputPayloadSizeEvent;
import com.netflix.conductor.client.events.workflow.WorkflowPayloadUsedEvent;
import com.netflix.conductor.client.events.workflow.WorkflowStartedEvent;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.metrics.ApiClientMetrics;
import com.netflix.conductor.client.metrics.MetricsCollector;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import com.netflix.conductor.sdk.workflow.executor.WorkflowExecutor;
import com.netflix.conductor.sdk.workflow.executor.task.AnnotatedWorkerExecutor;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.orkes.conductor.client.ApiClient;
import io.orkes.conductor.client.OrkesClients;
import io.orkes.conductor.client.http.OrkesMetadataClient;
import io.orkes.conductor.client.http.OrkesTaskClient;
import io.orkes.conductor.client.http.OrkesWorkflowClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import dev.conductor.auth.test.CapturingAppender;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * conductor-auth with the official Spring modules on conductor-client 6 (played by the
 * stand-ins of this line, in {@code com.netflix.conductor.client.spring} and
 * {@code io.orkes.conductor.client.spring}, imported as auto-configurations so that
 * conductor-auth's import filter applies), in real contexts over HTTP against a server
 * that counts the token requests and checks which token every other request carried:
 * conductor-auth's {@link ApiClient} is the context's one {@link ConductorClient}, every
 * client, executor and worker runner the modules build carries its one token, whatever
 * the modules' properties say, and when authentication is lost for good every worker
 * runner stops polling before the token manager closes.
 */
class OfficialSpringModuleTests {

	private static final String WORKER = "worker_bean_task";

	private static final String WORKER_TASK = "worker_task_method";

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	/**
	 * This test's key id, so that a token request of an earlier test's application, still
	 * on its way when that test ended, is not counted as this one's.
	 */
	private final String keyId = TestTokens.KEY_ID + "-" + UUID.randomUUID();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ApplicationWithTheModules.class);

	@BeforeEach
	void serve() {
		server.issuesTokens();
		server.wiremock().stubFor(get(urlPathMatching("/api/tasks/poll/batch/.*")).willReturn(okJson("[]")));
		server.wiremock().stubFor(get(urlPathMatching("/api/tasks/poll/hello")).willReturn(okJson("{}")));
		server.wiremock().stubFor(get(urlPathMatching("/api/workflow/.*")).willReturn(okJson("{}")));
		server.wiremock().stubFor(get(urlPathMatching("/api/metadata/taskdefs/.*")).willReturn(okJson("{}")));
		CapturingAppender.drain();
	}

	/**
	 * Configured only with the module's names, credentials included: the module's
	 * {@code ApiClient} would mint a token of its own with them.
	 */
	private ApplicationContextRunner configuredForTheModule() {
		return this.runner.withPropertyValues("conductor.client.root-uri=" + server.baseUrl(),
				"conductor.client.key-id=" + this.keyId, "conductor.client.secret=" + TestTokens.KEY_SECRET);
	}

	@Test
	void theModulesClientsAllCarryTheOneTokenMintedOnce() {
		configuredForTheModule().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(ConductorClient.class)).containsExactly("conductorClient");
			ConductorClient client = context.getBean(ConductorClient.class);
			assertThat(client).isInstanceOf(ApiClient.class);
			assertThat(context.getBean(OrkesClients.class)).isNotNull();
			assertThat(context).hasSingleBean(WorkflowExecutor.class).hasSingleBean(TaskRunnerConfigurer.class);
			context.getBean(OrkesTaskClient.class).pollTask("hello", "worker-1", null);
			context.getBean(OrkesWorkflowClient.class).getWorkflow("wf-1", false);
			context.getBean(OrkesMetadataClient.class).getTaskDef("hello");
			context.getBean(TaskClient.class).pollTask("hello", "worker-1", null);
			assertOneTokenCarriedByEveryRequest(4);
			assertThat(warnings()).isEmpty();
		});
	}

	@Test
	void withTheOlderModulesNamesTheirClientBacksOffToo() {
		this.runner
			.withPropertyValues("conductor.server.url=" + server.baseUrl(),
					"conductor.security.client.key-id=" + this.keyId,
					"conductor.security.client.secret=" + TestTokens.KEY_SECRET)
			.run((context) -> {
				assertThat(context.getBeanNamesForType(ConductorClient.class)).containsExactly("conductorClient");
				context.getBean(OrkesWorkflowClient.class).getWorkflow("wf-1", false);
				assertOneTokenCarriedByEveryRequest(1);
			});
	}

	@Test
	void workerBeansAndWorkerTaskMethodsPollWithTheOneToken() {
		configuredForTheModule().withUserConfiguration(Workers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			// conductor-auth runs the @WorkerTask methods in place of the module's
			// listener
			assertThat(context).hasSingleBean(WorkerTaskRunner.class)
				.doesNotHaveBean(com.netflix.conductor.client.spring.ConductorWorkerAutoConfiguration.class);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(batchPolls(WORKER)).hasSizeGreaterThanOrEqualTo(2);
				assertThat(batchPolls(WORKER_TASK)).hasSizeGreaterThanOrEqualTo(2);
			});
			assertOneTokenCarriedByEveryRequest(4);
			assertThat(warnings()).isEmpty();
		});
	}

	@Test
	void withConductorAuthsRunnerExcludedTheModulesRunsAndIsWarnedAbout() {
		new ApplicationContextRunner().withUserConfiguration(ApplicationWithoutConductorAuthsRunner.class)
			.withPropertyValues("conductor.client.root-uri=" + server.baseUrl(),
					"conductor.client.key-id=" + this.keyId, "conductor.client.secret=" + TestTokens.KEY_SECRET)
			// no @WorkerTask method: nothing could stop the module's executor, which
			// would
			// poll on after this test
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WorkerTaskRunner.class)
					.hasSingleBean(com.netflix.conductor.client.spring.ConductorWorkerAutoConfiguration.class);
				assertThat(warnings()).singleElement()
					.asString()
					.contains(
							"ConductorWorkerAutoConfiguration starts the @WorkerTask workers outside the bean factory");
			});
	}

	@Test
	void withConductorAuthDisabledTheModulesRunnerRunsAsBefore() {
		configuredForTheModule().withPropertyValues("conductor.auth.enabled=false")
			// no @WorkerTask method, as above
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WorkerTaskRunner.class)
					.doesNotHaveBean(ConductorTokenManager.class)
					.hasSingleBean(com.netflix.conductor.client.spring.ConductorWorkerAutoConfiguration.class);
				assertThat(context.getBeanNamesForType(ConductorClient.class)).containsExactly("orkesConductorClient");
			});
	}

	@Test
	void aUserApiClientWinsAndTheModulesBeansUseIt() {
		configuredForTheModule().withBean("myApiClient", ApiClient.class, () -> new ApiClient(server.baseUrl()))
			.run((context) -> {
				assertThat(context.getBeanNamesForType(ConductorClient.class)).containsExactly("myApiClient");
				assertThat(context).doesNotHaveBean(ConductorClientFactory.class);
				assertThat(warnings()).singleElement()
					.asString()
					.contains("The ConductorClient bean 'myApiClient' is not built with conductor-auth's");
			});
	}

	@Test
	void aUserConductorClientWinsOverOursButNotOverTheModulesPrimaryApiClient() {
		configuredForTheModule()
			.withBean("myClient", ConductorClient.class, () -> new ConductorClient(server.baseUrl()))
			.run((context) -> {
				assertThat(context.getBeanNamesForType(ConductorClient.class)).containsExactlyInAnyOrder("myClient",
						"orkesConductorClient");
				assertThat(warnings()).hasSize(2);
			});
	}

	@Test
	void whenAuthenticationIsLostForGoodEveryWorkerRunnerStopsBeforeTheTokenManagerCloses() {
		server.lifetime(Duration.ofSeconds(4));
		configuredForTheModule().withUserConfiguration(Workers.class, ExitWithoutSystemExit.class)
			.withPropertyValues("conductor.auth.retry.max-attempts=2", "conductor.auth.retry.initial-interval=100ms",
					"conductor.auth.retry.max-interval=200ms", "conductor.auth.exit-code=42")
			.withBean(RecordingMetrics.class, RecordingMetrics::new)
			.withBean(TokenManagerCloses.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RecordingMetrics metrics = context.getBean(RecordingMetrics.class);
				TokenManagerCloses closes = context.getBean(TokenManagerCloses.class);
				List<Integer> exits = context.getBean(ExitWithoutSystemExit.class).exits;
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(metrics.pollsOf(WORKER)).isGreaterThanOrEqualTo(2));
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(metrics.pollsOf(WORKER_TASK)).isGreaterThanOrEqualTo(2));
				// the outage: from now on, every token request fails
				server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));

				await().atMost(Duration.ofSeconds(20)).until(() -> !exits.isEmpty());
				assertThat(exits).containsExactly(42);
				assertThat(((ConfigurableApplicationContext) context.getSourceApplicationContext()).isActive())
					.isFalse();
				assertThat(closes.pollsAtClose).as("the token manager closed").isNotNull();
				// no runner polls once the token manager has closed, nor ever after
				await().during(Duration.ofSeconds(1))
					.atMost(Duration.ofSeconds(3))
					.untilAsserted(() -> assertThat(metrics.polls()).isEqualTo(closes.pollsAtClose));
				assertThat(CapturingAppender.lines())
					.anySatisfy((line) -> assertThat(line).contains("Shutting down the Conductor @WorkerTask workers"))
					.anySatisfy((line) -> assertThat(line)
						.contains("Shutting down the Conductor workers of 'taskRunnerConfigurer'"));
				assertThat(tokenRequests()).hasSizeGreaterThanOrEqualTo(3);
				assertThat(apiRequests()).isNotEmpty()
					.allSatisfy((request) -> assertThat(request.getHeader("X-Authorization")).isIn(server.issued()));
			});
	}

	@Test
	void theMetricsCollectorRecordsTheRequestsOfConductorAuthsClient() {
		configuredForTheModule().withBean(RecordingMetrics.class, RecordingMetrics::new).run((context) -> {
			context.getBean(TaskClient.class).pollTask("hello", "worker-1", null);
			assertThat(context.getBean(RecordingMetrics.class).requests).contains("GET /tasks/poll/{taskType} 200");
			assertOneTokenCarriedByEveryRequest(1);
		});
	}

	@Test
	void anAnnotatedWorkerExecutorBeanIsShutDownWithTheApplication() {
		// without the modules, and without a destroy method: only conductor-auth's
		// lifecycle stops it
		AtomicInteger shutdowns = new AtomicInteger();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
					ConductorAuthJavaClientAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=" + server.baseUrl(), "conductor.auth.key-id=" + this.keyId,
					"conductor.auth.key-secret=" + TestTokens.KEY_SECRET)
			.withBean(AtomicInteger.class, () -> shutdowns)
			.withUserConfiguration(PollingExecutor.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(batchPolls(WORKER_TASK)).hasSizeGreaterThanOrEqualTo(2));
				assertThat(shutdowns).hasValue(0);
			});
		assertThat(shutdowns).hasValue(1);
		assertOneTokenCarriedByEveryRequest(2);
	}

	private void assertOneTokenCarriedByEveryRequest(int atLeast) {
		assertThat(tokenRequests()).hasSize(1);
		assertThat(apiRequests()).hasSizeGreaterThanOrEqualTo(atLeast)
			.allSatisfy((request) -> assertThat(request.getHeader("X-Authorization")).as(request.getUrl())
				.isEqualTo(server.lastIssued()));
	}

	private List<LoggedRequest> tokenRequests() {
		return server.tokenRequests()
			.stream()
			.filter((request) -> request.getBodyAsString().contains("\"" + this.keyId + "\""))
			.toList();
	}

	private static List<LoggedRequest> apiRequests() {
		return server.wiremock()
			.findAll(anyRequestedFor(urlPathMatching("/api/.*")))
			.stream()
			.filter((request) -> !request.getUrl().startsWith(TokenServer.TOKEN_PATH))
			.toList();
	}

	private static List<LoggedRequest> batchPolls(String taskType) {
		return server.wiremock().findAll(getRequestedFor(urlPathEqualTo("/api/tasks/poll/batch/" + taskType)));
	}

	private static List<String> warnings() {
		return CapturingAppender.lines()
			.stream()
			.filter((line) -> line.startsWith(ConductorJavaClientCoexistenceCheck.class.getName()))
			.toList();
	}

	/**
	 * An application with conductor-auth and the official modules, as the
	 * auto-configuration import of a Spring Boot application brings them.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ConductorAuthAutoConfiguration.class, ConductorAuthJavaClientAutoConfiguration.class,
			ConductorAuthWorkerAutoConfiguration.class,
			com.netflix.conductor.client.spring.ConductorClientAutoConfiguration.class,
			io.orkes.conductor.client.spring.OrkesConductorClientAutoConfiguration.class,
			com.netflix.conductor.client.spring.ConductorWorkerAutoConfiguration.class })
	static class ApplicationWithTheModules {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(
			classes = { ConductorAuthAutoConfiguration.class, ConductorAuthJavaClientAutoConfiguration.class,
					ConductorAuthWorkerAutoConfiguration.class,
					com.netflix.conductor.client.spring.ConductorClientAutoConfiguration.class,
					io.orkes.conductor.client.spring.OrkesConductorClientAutoConfiguration.class,
					com.netflix.conductor.client.spring.ConductorWorkerAutoConfiguration.class },
			exclude = ConductorAuthWorkerAutoConfiguration.class)
	static class ApplicationWithoutConductorAuthsRunner {

	}

	@Configuration(proxyBeanMethods = false)
	static class Workers {

		@Bean
		Worker workerBean() {
			return new Worker() {

				@Override
				public String getTaskDefName() {
					return WORKER;
				}

				@Override
				public TaskResult execute(Task task) {
					return new TaskResult(task);
				}

				@Override
				public int getPollingInterval() {
					return 50;
				}

			};
		}

		@Bean
		WorkerTaskMethods workerTaskMethods() {
			return new WorkerTaskMethods();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PollingExecutor {

		@Bean(destroyMethod = "")
		AnnotatedWorkerExecutor myExecutor(ConductorClient client, AtomicInteger shutdowns) {
			AnnotatedWorkerExecutor executor = new AnnotatedWorkerExecutor(new TaskClient(client)) {

				@Override
				public void shutdown() {
					shutdowns.incrementAndGet();
					super.shutdown();
				}

			};
			executor.addBean(new WorkerTaskMethods());
			executor.startPolling();
			return executor;
		}

	}

	@Component
	static class WorkerTaskMethods {

		@WorkerTask(value = WORKER_TASK, pollingInterval = 50)
		public Map<String, Object> greet() {
			return Map.of("greeting", "hello");
		}

	}

	/**
	 * The default fatal handler, which closes the application, but for its
	 * {@code System.exit}: the exit code is noted instead.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ExitWithoutSystemExit {

		final List<Integer> exits = new CopyOnWriteArrayList<>();

		@Bean
		DefaultFatalAuthenticationHandler fatalAuthenticationHandler(ConfigurableApplicationContext context) {
			return new DefaultFatalAuthenticationHandler(context, true, false, this.exits::add);
		}

	}

	/**
	 * Records the polls that every worker runner starts, and the requests of the client.
	 */
	static class RecordingMetrics implements MetricsCollector {

		final List<String> polls = new CopyOnWriteArrayList<>();

		final List<String> requests = new CopyOnWriteArrayList<>();

		int polls() {
			return this.polls.size();
		}

		long pollsOf(String taskType) {
			return this.polls.stream().filter(taskType::equals).count();
		}

		@Override
		public void consume(PollStarted event) {
			this.polls.add(event.getTaskType());
		}

		@Override
		public ApiClientMetrics getApiClientMetrics() {
			return (method, uri, status, duration) -> this.requests.add(method + " " + uri + " " + status);
		}

		@Override
		public void consume(TaskPayloadUsedEvent event) {
		}

		@Override
		public void consume(TaskResultPayloadSizeEvent event) {
		}

		@Override
		public void consume(WorkflowPayloadUsedEvent event) {
		}

		@Override
		public void consume(WorkflowInputPayloadSizeEvent event) {
		}

		@Override
		public void consume(WorkflowStartedEvent event) {
		}

	}

	/**
	 * Destroyed just before the token manager, which it depends on: it notes how many
	 * polls the runners had started by then.
	 */
	static class TokenManagerCloses implements DisposableBean {

		private final RecordingMetrics metrics;

		volatile Integer pollsAtClose;

		TokenManagerCloses(ConductorTokenManager tokenManager, RecordingMetrics metrics) {
			this.metrics = metrics;
		}

		@Override
		public void destroy() {
			this.pollsAtClose = this.metrics.polls();
		}

	}

}
