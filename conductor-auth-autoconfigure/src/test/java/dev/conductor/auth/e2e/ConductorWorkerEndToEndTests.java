package dev.conductor.auth.e2e;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.conductor.auth.test.ChildJvm;
import dev.conductor.auth.test.LeakScanExtension;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker of the official Conductor Java client in a real application, in its own JVM:
 * it polls with the starter's token, and when the token endpoint fails for longer than
 * the retry budget, the application exits through the starter's handler, with the
 * configured code, after a graceful shutdown that shut the task runner down, and never
 * through the client's own {@code System.exit(1)}.
 */
class ConductorWorkerEndToEndTests {

	private static final String BATCH_POLL = "/api/tasks/poll/batch/" + ConductorWorkerTestApplication.TASK_TYPE;

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	@Test
	void aWorkerPollingThroughATokenOutageExitsThroughTheStarter() throws Exception {
		// short-lived tokens, so that the outage outlives the current one
		server.lifetime(Duration.ofSeconds(6)).issuesTokens();
		server.wiremock().stubFor(get(urlPathEqualTo(BATCH_POLL)).willReturn(okJson("[]")));
		try (ChildJvm app = ChildJvm.start(ConductorWorkerTestApplication.class,
				List.of("--conductor.auth.base-url=" + server.baseUrl(), "--conductor.auth.key-id=" + TestTokens.KEY_ID,
						"--conductor.auth.key-secret=" + TestTokens.KEY_SECRET,
						// 5 attempts 0.7 s apart from the refresh at half the token's
						// life
						// (3 s): the last fails about 1.3 s after the token expired (4.5
						// s,
						// a quarter of its life before exp), whose polls fail meanwhile.
						// (100 ms doubling ended the budget as the token expired: no poll
						// failed, at times)
						"--conductor.auth.retry.initial-interval=700ms", "--conductor.auth.retry.multiplier=1",
						"--conductor.auth.retry.max-interval=1s", "--conductor.auth.exit-code=42",
						"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
						"--logging.config=classpath:logback-e2e-worker.xml"))) {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(polls()).as(app.output()).hasSizeGreaterThanOrEqualTo(3));
			// the outage: from now on, every token request fails
			server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));

			assertThat(app.awaitExit()).as(app.output()).isEqualTo(42);
			String output = app.output();
			assertThat(polls())
				.allSatisfy((poll) -> assertThat(server.issued()).contains(poll.getHeader("X-Authorization")));
			assertThat(output).containsPattern("E2E fatal event: attempts=\\d+ exitCode=42")
				// polls during the back-off got the starter's exception at once (and one
				// after the last attempt, if any, its fatal one), as poll errors of the
				// client, not as the client's own exit
				.containsPattern("Error polling for taskType: e2e_worker, error = "
						+ ".*(No Conductor token now|Conductor authentication is lost)")
				.contains("Conductor authentication is lost: exiting with code 42")
				.contains("Shutting down the Conductor workers of 'taskRunnerConfigurer'")
				.contains("tasks completed, shutting down")
				.contains("E2E @PreDestroy ran")
				// conductor-client 6's own exit on a lost token
				.doesNotContain("terminating JVM");
			assertThat(output.indexOf("E2E fatal event"))
				.isLessThan(output.indexOf("Shutting down the Conductor workers"));
			assertThat(output.indexOf("Shutting down the Conductor workers"))
				.isLessThan(output.indexOf("tasks completed, shutting down"));
			assertThat(output.indexOf("tasks completed, shutting down"))
				.isLessThan(output.indexOf("E2E @PreDestroy ran"));
			assertThat(LeakScanExtension.findLeaks(List.of(output.split("\n")), LeakScanExtension.secrets())).isEmpty();
		}
	}

	private static List<LoggedRequest> polls() {
		return server.wiremock().findAll(getRequestedFor(urlPathEqualTo(BATCH_POLL)));
	}

}
