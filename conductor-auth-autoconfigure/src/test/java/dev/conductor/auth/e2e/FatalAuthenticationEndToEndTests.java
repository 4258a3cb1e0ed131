package dev.conductor.auth.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.conductor.auth.test.ChildJvm;
import dev.conductor.auth.test.LeakScanExtension;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter in a real application, in its own JVM, against a token endpoint that fails:
 * it exits with the configured code after a graceful shutdown, or it stays up, reports
 * DOWN and heals once the endpoint is back.
 */
class FatalAuthenticationEndToEndTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	@Test
	void exitsWithTheConfiguredCodeAfterAGracefulShutdown() throws Exception {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		long started = System.nanoTime();
		try (ChildJvm app = ChildJvm.start(ConductorAuthTestApplication.class,
				args("--spring.main.web-application-type=none", "--spring.main.keep-alive=true",
						"--conductor.auth.exit-code=42"))) {
			assertThat(app.awaitExit()).as(app.output()).isEqualTo(42);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			String output = app.output();
			assertThat(output).contains("E2E fatal event: attempts=5 exitCode=42")
				.contains("Conductor authentication is lost: exiting with code 42")
				.contains("E2E @PreDestroy ran");
			assertThat(output.indexOf("E2E fatal event")).isLessThan(output.indexOf("E2E @PreDestroy ran"));
			// retry budget 0.1 + 0.2 + 0.4 + 0.8 s, plus JVM start and shutdown
			assertThat(took).isLessThan(Duration.ofSeconds(60));
			assertThat(server.mintCount()).isEqualTo(5);
			assertNoLeak(output);
		}
	}

	@Test
	void withoutExitStaysUpReportsDownAndHealsWithoutARestart() throws Exception {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		try (ChildJvm app = ChildJvm.start(ConductorAuthTestApplication.class,
				args("--conductor.auth.exit-on-failure=false", "--server.port=0",
						"--management.endpoints.web.exposure.include=health",
						"--management.endpoint.health.show-details=always",
						"--management.endpoint.health.probes.enabled=true"))) {
			int port = Integer.parseInt(app.awaitLine("E2E listening on port (\\d+)"));
			app.awaitLine("E2E fatal event: attempts=5");
			DocumentContext down = awaitHealth(port, "DOWN");
			assertThat(down.read("$.components.conductorAuth.status", String.class)).isEqualTo("DOWN");
			assertThat(down.read("$.components.conductorAuth.details.fatal", Boolean.class)).isTrue();
			assertThat(down.read("$.components.livenessState.status", String.class)).isEqualTo("DOWN");
			server.issuesTokens();
			DocumentContext up = awaitHealth(port, "UP");
			assertThat(up.read("$.components.conductorAuth.details.expiresAt", Object.class))
				.isInstanceOf(String.class);
			assertThat(up.read("$.components.livenessState.status", String.class)).isEqualTo("UP");
			assertThat(app.isAlive()).isTrue();
			assertNoLeak(app.output() + down.jsonString() + up.jsonString());
		}
	}

	private static List<String> args(String... extra) {
		List<String> args = new ArrayList<>(List.of("--conductor.auth.base-url=" + server.baseUrl(),
				"--conductor.auth.key-id=" + TestTokens.KEY_ID, "--conductor.auth.key-secret=" + TestTokens.KEY_SECRET,
				"--conductor.auth.retry.initial-interval=100ms", "--conductor.auth.retry.max-interval=1s",
				"--spring.main.banner-mode=off"));
		args.addAll(List.of(extra));
		return args;
	}

	private static DocumentContext awaitHealth(int port, String status) {
		HttpClient client = HttpClient.newHttpClient();
		DocumentContext[] health = new DocumentContext[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			health[0] = JsonPath.parse(response.body());
			return status.equals(health[0].read("$.status", String.class));
		});
		return health[0];
	}

	private static void assertNoLeak(String output) {
		assertThat(LeakScanExtension.findLeaks(List.of(output.split("\n")), LeakScanExtension.secrets())).isEmpty();
	}

}
