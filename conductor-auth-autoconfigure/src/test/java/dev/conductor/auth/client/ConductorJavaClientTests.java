package dev.conductor.auth.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.ConductorClientRequest;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.conductor.auth.autoconfigure.ConductorAuthAutoConfiguration;
import dev.conductor.auth.autoconfigure.ConductorAuthJavaClientAutoConfiguration;
import dev.conductor.auth.test.CapturingAppender;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * The official Conductor Java client with conductor-auth, against WireMock over HTTP: a
 * {@link TaskClient} built from the auto-configured {@link ConductorClient}, a worker
 * polling through a {@link TaskRunnerConfigurer}, and clients built by hand.
 */
class ConductorJavaClientTests {

	private static final String POLL = "/api/tasks/poll/hello";

	private static final String TASK = "{\"taskId\":\"t-1\",\"taskType\":\"hello\",\"status\":\"IN_PROGRESS\"}";

	@RegisterExtension
	static final TokenServer conductor = new TokenServer();

	@RegisterExtension
	static final WireMockExtension other = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final MutableClock clock = new MutableClock();

	private final RecordingEvents events = new RecordingEvents();

	@BeforeEach
	void issueTokens() {
		conductor.clock(this.clock).issuesTokens();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
					ConductorAuthJavaClientAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=" + conductor.baseUrl(),
					"conductor.auth.key-id=" + TestTokens.KEY_ID, "conductor.auth.key-secret=" + TestTokens.KEY_SECRET)
			.withBean(ConductorTokenManager.class,
					() -> ConductorTokenManager.builder(conductor.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
						.clock(this.clock)
						.acquireTimeout(Duration.ofSeconds(10))
						.build())
			.withBean(RecordingEvents.class, () -> this.events);
	}

	/**
	 * Run with a context whose first token is minted and was accepted by the server once,
	 * as in an application that has run a while: the rejection of a token that the server
	 * never accepted counts as a failed attempt, and its replay would not wait out the
	 * back-off.
	 */
	private void run(ContextConsumer test) {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			ConductorTokenManager tokens = context.getBean(ConductorTokenManager.class);
			assertThat(tokens.getToken()).isEqualTo(conductor.lastIssued());
			tokens.tokenAccepted(conductor.lastIssued());
			test.accept(context);
		});
	}

	@Test
	void taskClientCallsCarryTheToken() {
		run((context) -> {
			conductor.wiremock().stubFor(get(urlPathEqualTo(POLL)).willReturn(okJson(TASK)));
			Task task = taskClient(context).pollTask("hello", "worker-1", null);
			assertThat(task.getTaskId()).isEqualTo("t-1");
			assertThat(polls()).singleElement()
				.satisfies((poll) -> assertThat(poll.getHeader("X-Authorization")).isEqualTo(conductor.lastIssued()));
		});
	}

	@Test
	void anExpiredTokenOnAPollIsReplacedAndThePollReplayed() {
		run((context) -> {
			String first = conductor.lastIssued();
			stubPollSequence(ClientAdapterScenarios.json(401, ClientAdapterScenarios.EXPIRED), okJson(TASK));
			Task task = taskClient(context).pollTask("hello", "worker-1", null);
			assertThat(task.getTaskId()).isEqualTo("t-1");
			assertThat(conductor.mintCount()).isEqualTo(2);
			assertThat(polls()).extracting((poll) -> poll.getHeader("X-Authorization"))
				.containsExactly(first, conductor.lastIssued());
			assertThat(this.events.rejected()).singleElement().satisfies((event) -> {
				assertThat(event.getStatus()).isEqualTo(401);
				assertThat(event.getErrorCode()).isEqualTo("EXPIRED_TOKEN");
				assertThat(event.getMethod()).isEqualTo("GET");
				assertThat(event.getPath()).isEqualTo(POLL);
			});
		});
	}

	@Test
	void theHeaderSupplierHandsOutTheTokenThatReplacedARejectedOne() {
		run((context) -> {
			ConductorAuthHeaderSupplier supplier = context.getBean(ConductorAuthHeaderSupplier.class);
			ConductorTokenManager tokenManager = context.getBean(ConductorTokenManager.class);
			String first = conductor.lastIssued();
			assertThat(supplier.get("GET", "/tasks/poll/hello")).containsExactly(entry("X-Authorization", first));
			tokenManager.tokenAccepted(first);
			String second = tokenManager.replaceRejectedToken(first);
			assertThat(second).isEqualTo(conductor.lastIssued()).isNotEqualTo(first);
			assertThat(supplier.get("GET", "/tasks/poll/hello")).containsExactly(entry("X-Authorization", second));
			assertThat(supplier.get("POST", "/token")).isEmpty();
		});
	}

	@Test
	void behindABearerGatewayAPollCarriesOneBearerAuthorizationAndIsReplayedOnInvalidToken() {
		runner().withUserConfiguration(BearerGateway.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ConductorTokenManager tokens = context.getBean(ConductorTokenManager.class);
			String first = tokens.getToken();
			tokens.tokenAccepted(first);
			ConductorAuthHeaderSupplier supplier = context.getBean(ConductorAuthHeaderSupplier.class);
			Map<String, String> header = supplier.get("GET", "/tasks/poll/hello");
			assertThat(header).containsExactly(entry("Authorization", "Bearer " + first));
			assertThat(supplier.get("GET", "/tasks/poll/hello")).as("the same header while the token stays")
				.isSameAs(header);
			stubPollSequence(ClientAdapterScenarios.json(401, "{}")
				.withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""), okJson(TASK));
			Task task = taskClient(context).pollTask("hello", "worker-1", null);
			assertThat(task.getTaskId()).isEqualTo("t-1");
			assertThat(polls()).extracting((poll) -> poll.getHeaders().getHeader("Authorization").values())
				.containsExactly(List.of("Bearer " + first), List.of("Bearer " + conductor.lastIssued()));
			assertThat(polls()).noneMatch((poll) -> poll.containsHeader("X-Authorization"));
			assertThat(this.events.rejected()).singleElement()
				.satisfies((event) -> assertThat(event.getErrorCode()).isEqualTo("invalid_token"));
			assertThat(supplier.get("GET", "/tasks/poll/hello"))
				.containsExactly(entry("Authorization", "Bearer " + conductor.lastIssued()));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class BearerGateway {

		@Bean
		ConductorRequestAuthenticator conductorRequestAuthenticator(ConductorTokenManager tokenManager,
				ApplicationEventPublisher eventPublisher) {
			return ConductorRequestAuthenticator.builder(tokenManager, URI.create(conductor.baseUrl()))
				.headerName("Authorization")
				.headerPrefix("Bearer ")
				.tokenErrorDetector(TokenErrorDetector.bearerErrors(List.of("invalid_token")))
				.eventPublisher(eventPublisher)
				.build();
		}

	}

	@Test
	void aPermissionDeniedPollReachesTheCallerUntouched() {
		run((context) -> {
			conductor.wiremock()
				.stubFor(get(urlPathEqualTo(POLL))
					.willReturn(ClientAdapterScenarios.json(403, ClientAdapterScenarios.NO_PERMISSION)));
			assertThatExceptionOfType(ConductorClientException.class)
				.isThrownBy(() -> taskClient(context).pollTask("hello", "worker-1", null))
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(403);
					assertThat(ex.getMessage()).contains("You don't have permissions to access this workflow");
				});
			assertThat(polls()).hasSize(1);
			assertThat(conductor.mintCount()).isEqualTo(1);
			assertThat(this.events.rejected()).isEmpty();
		});
	}

	@Test
	void aRejectedReplayReachesTheCallerAfterOneMint() {
		run((context) -> {
			conductor.wiremock()
				.stubFor(get(urlPathEqualTo(POLL))
					.willReturn(ClientAdapterScenarios.json(401, ClientAdapterScenarios.EXPIRED)));
			assertThatExceptionOfType(ConductorClientException.class)
				.isThrownBy(() -> taskClient(context).pollTask("hello", "worker-1", null))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
			assertThat(polls()).hasSize(2);
			assertThat(this.events.rejected()).hasSize(2);
			assertThat(conductor.mintCount()).isEqualTo(2);
		});
	}

	@Test
	void fiftyConcurrentRejectedPollsMintOnce() {
		run((context) -> {
			String first = conductor.lastIssued();
			conductor.wiremock()
				.stubFor(get(urlPathEqualTo(POLL)).atPriority(1)
					.withHeader("X-Authorization", equalTo(first))
					// slow enough that all 50 go out with the first token before any
					// answer
					.willReturn(ClientAdapterScenarios.json(401, ClientAdapterScenarios.EXPIRED).withFixedDelay(1000)));
			conductor.wiremock().stubFor(get(urlPathEqualTo(POLL)).atPriority(5).willReturn(okJson(TASK)));
			TaskClient tasks = taskClient(context);
			ExecutorService threads = Executors.newFixedThreadPool(50);
			try {
				List<Future<Task>> polls = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					polls.add(threads.submit(() -> tasks.pollTask("hello", "worker-1", null)));
				}
				for (Future<Task> poll : polls) {
					assertThat(poll.get().getTaskId()).isEqualTo("t-1");
				}
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(conductor.mintCount()).isEqualTo(2);
			assertThat(polls()).hasSize(100)
				.filteredOn((poll) -> first.equals(poll.getHeader("X-Authorization")))
				.hasSize(50);
			assertThat(this.events.rejected()).hasSize(50);
		});
	}

	@Test
	void aTaskUpdateIsReplayedWithTheSameBody() {
		run((context) -> {
			conductor.wiremock()
				.stubFor(post(urlPathEqualTo("/api/tasks")).inScenario("update")
					.whenScenarioStateIs(STARTED)
					.willReturn(ClientAdapterScenarios.json(401, ClientAdapterScenarios.EXPIRED))
					.willSetStateTo("replayed"));
			conductor.wiremock()
				.stubFor(post(urlPathEqualTo("/api/tasks")).inScenario("update")
					.whenScenarioStateIs("replayed")
					.willReturn(ok("t-1")));
			TaskResult result = new TaskResult();
			result.setTaskId("t-1");
			result.setWorkflowInstanceId("wf-1");
			result.setStatus(TaskResult.Status.COMPLETED);
			result.getOutputData().put("message", "Hello World!");
			taskClient(context).updateTask(result);
			List<LoggedRequest> updates = conductor.wiremock().findAll(postRequestedFor(urlPathEqualTo("/api/tasks")));
			assertThat(updates).hasSize(2);
			assertThat(updates.get(1).getBodyAsString()).isEqualTo(updates.get(0).getBodyAsString());
			conductor.wiremock()
				.verify(2, postRequestedFor(urlPathEqualTo("/api/tasks"))
					.withRequestBody(equalToJson("{\"taskId\":\"t-1\",\"status\":\"COMPLETED\"}", true, true)));
			assertThat(updates.get(1).getHeader("X-Authorization")).isEqualTo(conductor.lastIssued());
		});
	}

	@Test
	void theTokenEndpointGetsNoTokenAndNoReplay() {
		run((context) -> {
			conductor.wiremock()
				.stubFor(TokenServer.tokenRequest()
					.atPriority(1)
					.withHeader("X-Probe", equalTo("official-client"))
					.willReturn(ClientAdapterScenarios.json(401, ClientAdapterScenarios.EXPIRED)));
			ConductorClientRequest request = ConductorClientRequest.builder()
				.method(ConductorClientRequest.Method.POST)
				.path("/token")
				.addHeaderParam("X-Probe", "official-client")
				.body(Map.of("keyId", "someone-else"))
				.build();
			assertThatExceptionOfType(ConductorClientException.class)
				.isThrownBy(() -> context.getBean(ConductorClient.class).execute(request))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
			conductor.wiremock()
				.verify(1,
						postRequestedFor(urlPathEqualTo(TokenServer.TOKEN_PATH))
							.withHeader("X-Probe", equalTo("official-client"))
							.withHeader("X-Authorization", absent()));
			// no replay, hence no mint: the manager's first request is the only other one
			assertThat(conductor.mintCount()).isEqualTo(2);
			assertThat(this.events.rejected()).isEmpty();
		});
	}

	@Test
	void aRedirectToAnotherHostIsNotFollowed() {
		run((context) -> {
			conductor.wiremock()
				.stubFor(get(urlPathEqualTo(POLL)).willReturn(temporaryRedirect(other.baseUrl() + POLL)));
			other.stubFor(get(anyUrl()).willReturn(okJson(TASK)));
			assertThatExceptionOfType(ConductorClientException.class)
				.isThrownBy(() -> taskClient(context).pollTask("hello", "worker-1", null))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(302));
			assertThat(polls()).hasSize(1);
			other.verify(0, anyRequestedFor(anyUrl()));
		});
	}

	@Test
	void aClientBuiltByHandThatFollowsRedirectsIsRefusedTheToken() {
		run((context) -> {
			conductor.wiremock()
				.stubFor(get(urlPathEqualTo(POLL)).willReturn(temporaryRedirect(other.baseUrl() + POLL)));
			other.stubFor(get(anyUrl()).willReturn(okJson(TASK)));
			// OkHttp follows redirects unless told not to, and keeps X-Authorization on
			// them
			ConductorClient following = ConductorClient.builder()
				.basePath(conductor.baseUrl())
				.addHeaderSupplier(context.getBean(ConductorAuthHeaderSupplier.class))
				.configureOkHttp(
						(okHttp) -> okHttp.addInterceptor(context.getBean(ConductorAuthOkHttpInterceptor.class)))
				.build();
			assertThatExceptionOfType(ConductorClientException.class)
				.isThrownBy(() -> new TaskClient(following).pollTask("hello", "worker-1", null))
				.withStackTraceContaining("followRedirects(false)");
			assertThat(polls()).isEmpty();
			other.verify(0, anyRequestedFor(anyUrl()));
		});
	}

	@Test
	void aClientForAnotherServerCannotTakeTheHeaderSupplier() {
		run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> ConductorClient.builder()
				.basePath(other.baseUrl() + "/api")
				.addHeaderSupplier(context.getBean(ConductorAuthHeaderSupplier.class))
				.build())
			.withMessageContaining(other.baseUrl() + "/api")
			.withMessageContaining(conductor.baseUrl()));
	}

	@Test
	void theInterceptorSendsNoTokenToAnotherServer() {
		run((context) -> {
			other.stubFor(get(anyUrl()).willReturn(okJson(TASK)));
			ConductorAuthOkHttpInterceptor interceptor = context.getBean(ConductorAuthOkHttpInterceptor.class);
			ConductorClient elsewhere = ConductorClient.builder()
				.basePath(other.baseUrl() + "/api")
				.configureOkHttp((okHttp) -> okHttp.addInterceptor(interceptor))
				.build();
			assertThat(new TaskClient(elsewhere).pollTask("hello", "worker-1", null).getTaskId()).isEqualTo("t-1");
			other.verify(1, getRequestedFor(urlPathEqualTo(POLL)).withHeader("X-Authorization", absent()));
		});
	}

	@Test
	void aClientBuiltByHandWithTheBeansCarriesTheTokenAndReplays() {
		run((context) -> {
			String first = conductor.lastIssued();
			stubPollSequence(ClientAdapterScenarios.json(401, ClientAdapterScenarios.INVALID), okJson(TASK));
			ConductorAuthOkHttpInterceptor interceptor = context.getBean(ConductorAuthOkHttpInterceptor.class);
			ConductorClient client = ConductorClient.builder()
				.basePath(conductor.baseUrl() + "/")
				.addHeaderSupplier(context.getBean(ConductorAuthHeaderSupplier.class))
				.configureOkHttp((okHttp) -> okHttp.addInterceptor(interceptor).followRedirects(false))
				.build();
			assertThat(new TaskClient(client).pollTask("hello", "worker-1", null).getTaskId()).isEqualTo("t-1");
			assertThat(polls()).extracting((poll) -> poll.getHeader("X-Authorization"))
				.containsExactly(first, conductor.lastIssued());
			assertThat(context.getBean(ConductorAuthHeaderSupplier.class).serves(client)).isTrue();
		});
	}

	@Test
	void aWorkerPollsWithTheTokenAndIsShutDownWithTheApplication() {
		conductor.wiremock().stubFor(get(urlPathMatching("/api/tasks/poll/batch/hello")).willReturn(okJson("[]")));
		runner().withUserConfiguration(Workers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(batchPolls()).hasSizeGreaterThanOrEqualTo(2));
			assertThat(batchPolls())
				.allSatisfy((poll) -> assertThat(poll.getHeader("X-Authorization")).isEqualTo(conductor.lastIssued()));
			assertThat(shutdownLines()).isEmpty();
		});
		// the bean has no destroy method: only conductor-auth's lifecycle shuts it down
		assertThat(shutdownLines()).anySatisfy(
				(line) -> assertThat(line).contains("Shutting down the Conductor workers of 'taskRunnerConfigurer'"))
			.anySatisfy((line) -> assertThat(line).contains("tasks completed, shutting down"));
	}

	private static List<String> shutdownLines() {
		return CapturingAppender.lines()
			.stream()
			.filter((line) -> line.contains("Shutting down the Conductor workers")
					|| line.contains("tasks completed, shutting down"))
			.toList();
	}

	private static TaskClient taskClient(ApplicationContext context) {
		return new TaskClient(context.getBean(ConductorClient.class));
	}

	private static void stubPollSequence(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
		conductor.wiremock()
			.stubFor(get(urlPathEqualTo(POLL)).inScenario("poll")
				.whenScenarioStateIs(STARTED)
				.willReturn(first)
				.willSetStateTo("second"));
		conductor.wiremock()
			.stubFor(get(urlPathEqualTo(POLL)).inScenario("poll").whenScenarioStateIs("second").willReturn(then));
	}

	private static List<LoggedRequest> polls() {
		return conductor.wiremock().findAll(getRequestedFor(urlPathEqualTo(POLL)));
	}

	private static List<LoggedRequest> batchPolls() {
		return conductor.wiremock().findAll(getRequestedFor(urlPathEqualTo("/api/tasks/poll/batch/hello")));
	}

	interface ContextConsumer {

		void accept(ApplicationContext context) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	static class Workers {

		@Bean
		TaskClient taskClient(ConductorClient client) {
			return new TaskClient(client);
		}

		@Bean(initMethod = "init", destroyMethod = "")
		TaskRunnerConfigurer taskRunnerConfigurer(TaskClient taskClient) {
			return new TaskRunnerConfigurer.Builder(taskClient, List.of(new HelloWorker())).withThreadCount(1)
				.withShutdownGracePeriodSeconds(1)
				.build();
		}

	}

	static final class HelloWorker implements Worker {

		@Override
		public String getTaskDefName() {
			return "hello";
		}

		@Override
		public TaskResult execute(Task task) {
			return new TaskResult(task);
		}

		@Override
		public int getPollingInterval() {
			return 50;
		}

	}

}
