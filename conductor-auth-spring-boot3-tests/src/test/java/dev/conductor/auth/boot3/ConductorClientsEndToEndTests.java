package dev.conductor.auth.boot3;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.conductor.auth.test.ChildJvm;
import dev.conductor.auth.test.LeakScanExtension;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Boot 3 starter in a real Boot 3.5 application, in its own JVM on the
 * application's class path alone (the starter, WebFlux, conductor-client: no test or
 * actuator jar), configured by the three properties alone (and, for the test, a short
 * back-off and an exit code): its {@code RestClient}, {@code RestTemplate},
 * {@code WebClient} and official-client worker carry the token; a revoked token is
 * replaced once and the rejected request replayed; and when the token endpoint stays down
 * the application exits with the configured code after a graceful shutdown.
 */
class ConductorClientsEndToEndTests {

	private static final String WORKFLOW = "/api" + ConductorClientsApplication.WORKFLOW;

	private static final String BATCH_POLL = "/api/tasks/poll/batch/" + ConductorClientsApplication.TASK_TYPE;

	private static final String EXPIRED = "{\"message\":\"Token expired\",\"error\":\"EXPIRED_TOKEN\"}";

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	@Test
	void everyClientCarriesTheTokenARevokedOneIsReplacedOnceAndAnOutageEndsInTheConfiguredExit() throws Exception {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		server.wiremock().stubFor(get(urlPathEqualTo(BATCH_POLL)).willReturn(okJson("[]")));
		// each client's first call is answered; then the server revokes the token it
		// accepted three times, and answers whatever comes with the new one
		stubWorkflow(Scenario.STARTED, "restTemplate", ok("wf"));
		stubWorkflow("restTemplate", "webClient", ok("wf"));
		stubWorkflow("webClient", "revoke", ok("wf"));
		stubWorkflow("revoke", "revoked",
				unauthorized().withHeader("Content-Type", "application/json").withBody(EXPIRED));
		stubWorkflow("revoked", "revoked", ok("wf"));
		try (ChildJvm app = ChildJvm.start(applicationClassPath(), ConductorClientsApplication.class.getName(),
				List.of("--conductor.auth.base-url=" + server.baseUrl(), "--conductor.auth.key-id=" + TestTokens.KEY_ID,
						"--conductor.auth.key-secret=" + TestTokens.KEY_SECRET,
						"--conductor.auth.retry.initial-interval=100ms", "--conductor.auth.retry.max-interval=1s",
						"--conductor.auth.exit-code=42", "--spring.main.web-application-type=none",
						"--spring.main.banner-mode=off"))) {
			app.awaitLine("E2E calls done");
			String output = app.output();
			for (String client : List.of("RestClient", "RestTemplate", "WebClient")) {
				assertThat(output).contains("E2E " + client + " round 1: 200 wf")
					.contains("E2E " + client + " round 2: 200 wf");
			}
			// the revoked token was replaced once: two tokens for the whole application
			assertThat(server.mintCount()).isEqualTo(2);
			List<String> tokens = server.issued();
			assertThat(server.wiremock().findAll(getRequestedFor(urlPathEqualTo(WORKFLOW))))
				.extracting((request) -> request.getHeader("X-Authorization"))
				.containsExactly(tokens.get(0), tokens.get(0), tokens.get(0), tokens.get(0), tokens.get(1),
						tokens.get(1), tokens.get(1));
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(polls()).as(app.output()).isNotEmpty());

			// the outage: the token endpoint stays down and the server rejects the token
			server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
			server.wiremock()
				.stubFor(get(urlPathEqualTo(BATCH_POLL))
					.willReturn(unauthorized().withHeader("Content-Type", "application/json").withBody(EXPIRED)));

			assertThat(app.awaitExit()).as(app.output()).isEqualTo(42);
			output = app.output();
			assertThat(polls()).allSatisfy((poll) -> assertThat(tokens).contains(poll.getHeader("X-Authorization")));
			assertThat(output).containsPattern("E2E fatal event: attempts=\\d+ exitCode=42")
				.contains("Conductor authentication is lost: exiting with code 42")
				.contains("E2E @PreDestroy ran");
			assertThat(output.indexOf("E2E fatal event")).isLessThan(output.indexOf("E2E @PreDestroy ran"));
			assertThat(LeakScanExtension.findLeaks(List.of(output.split("\n")), LeakScanExtension.secrets())).isEmpty();
		}
	}

	private static void stubWorkflow(String state, String nextState,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
		server.wiremock()
			.stubFor(get(urlPathEqualTo(WORKFLOW)).inScenario("revocation")
				.whenScenarioStateIs(state)
				.willReturn(answer)
				.willSetStateTo(nextState));
	}

	/**
	 * This module's classes and its runtime class path, which the build writes to a file
	 * (maven-dependency-plugin): what the application would run on.
	 */
	private static String applicationClassPath() throws IOException {
		Path dependencies = Path.of(System.getProperty("application.classpath.file"));
		return Path.of(System.getProperty("application.classes")) + File.pathSeparator
				+ Files.readString(dependencies).strip();
	}

	private static List<LoggedRequest> polls() {
		return server.wiremock().findAll(getRequestedFor(urlPathEqualTo(BATCH_POLL)));
	}

}
