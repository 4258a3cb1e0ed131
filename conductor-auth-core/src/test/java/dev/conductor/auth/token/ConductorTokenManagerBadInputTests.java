package dev.conductor.auth.token;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.conductor.auth.test.TokenServer.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every bad answer of the token endpoint is one failed attempt whose message says what
 * came back; none crashes the scheduler, and no caller waits past the acquire timeout.
 */
class ConductorTokenManagerBadInputTests {

	private static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(300);

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	private final MutableClock clock = new MutableClock();

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler(this.clock);

	private final RecordingEvents events = new RecordingEvents();

	@BeforeEach
	void setUp() {
		server.clock(this.clock);
	}

	@AfterEach
	void tearDown() {
		this.scheduler.close();
	}

	@Test
	void connectionRefused() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (ConductorTokenManager manager = manager(URI.create("http://127.0.0.1:" + closedPort + "/api/token"))) {
			manager.start();
			this.scheduler.awaitIdle();
			assertOneFailedAttempt(manager, "failed: ConnectException");
		}
	}

	@Test
	void readTimeout() {
		server.wiremock().stubFor(tokenRequest().willReturn(TokenServer.issuedToken().withFixedDelay(5000)));
		try (ConductorTokenManager manager = manager(server.tokenUri(), Duration.ofSeconds(1))) {
			manager.start();
			// the attempt hangs on the scheduler thread meanwhile
			assertThatExceptionOfType(TokenUnavailableException.class).isThrownBy(manager::getToken)
				.withMessage("No Conductor token within PT0.3S: the token endpoint has not answered yet");
			this.scheduler.awaitIdle();
			assertOneFailedAttempt(manager, "failed: no complete answer within PT1S");
			assertRecovers(manager);
		}
	}

	@Test
	void connectionClosedMidBody() {
		assertOneFailedAttemptThenRecovery(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), "failed: ");
	}

	@Test
	void connectionResetByPeer() {
		assertOneFailedAttemptThenRecovery(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "failed: ");
	}

	@Test
	void emptyResponse() {
		assertOneFailedAttemptThenRecovery(aResponse().withFault(Fault.EMPTY_RESPONSE), "failed: ");
	}

	@Test
	void randomDataThenClose() {
		assertOneFailedAttemptThenRecovery(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), "failed: ");
	}

	@Test
	void badGateway() {
		assertOneFailedAttemptThenRecovery(aResponse().withStatus(502), "answered 502 Bad Gateway");
	}

	@Test
	void tooManyRequests() {
		assertOneFailedAttemptThenRecovery(aResponse().withStatus(429), "answered 429 Too Many Requests");
	}

	@Test
	void truncatedJson() {
		assertOneFailedAttemptThenRecovery(okJson("{\"token\":\"eyJhbGciOi"),
				"answered 200 with a body that is not JSON");
	}

	@Test
	void nullToken() {
		assertOneFailedAttemptThenRecovery(okJson("{\"token\":null}"), "answered 200 without a \"token\" string");
	}

	@Test
	void serverError() {
		assertOneFailedAttemptThenRecovery(aResponse().withStatus(500), "answered 500 Internal Server Error");
	}

	@Test
	void unauthorizedFromTheTokenEndpoint() {
		assertOneFailedAttemptThenRecovery(
				aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"message\":\"Invalid key id or secret\",\"error\":\"INVALID_KEY\"}"),
				"answered 401 Unauthorized: error=INVALID_KEY, message=Invalid key id or secret");
	}

	@Test
	void forbiddenFromTheTokenEndpoint() {
		assertOneFailedAttemptThenRecovery(aResponse().withStatus(403), "answered 403 Forbidden");
	}

	@Test
	void htmlWithStatus200() {
		assertOneFailedAttemptThenRecovery(
				aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>login</html>"),
				"answered 200 with a body that is not JSON (text/html");
	}

	@Test
	void jsonWithoutToken() {
		assertOneFailedAttemptThenRecovery(okJson("{\"status\":\"ok\"}"), "answered 200 without a \"token\" string");
	}

	@Test
	void emptyToken() {
		assertOneFailedAttemptThenRecovery(okJson("{\"token\":\"\"}"), "answered 200 with an empty \"token\"");
	}

	@Test
	void bodyOfSeveralMegabytes() {
		assertOneFailedAttemptThenRecovery(okJson("{\"token\":\"" + "x".repeat(8 * 1024 * 1024) + "\"}"),
				"answered 200 with a body larger than 65536 bytes");
	}

	@Test
	void tokenThatExpiredBeforeItWasMinted() {
		String expired = TestTokens.jwt(this.clock.instant().minusSeconds(60));
		assertOneFailedAttemptThenRecovery(okJson("{\"token\":\"" + expired + "\"}"), "before it was issued");
	}

	private void assertOneFailedAttemptThenRecovery(ResponseDefinitionBuilder answer, String expected) {
		server.wiremock().stubFor(tokenRequest().willReturn(answer));
		try (ConductorTokenManager manager = manager(server.tokenUri())) {
			manager.start();
			this.scheduler.awaitIdle();
			assertOneFailedAttempt(manager, expected);
			assertRecovers(manager);
		}
	}

	private void assertOneFailedAttempt(ConductorTokenManager manager, String expected) {
		assertThat(this.events.failed()).singleElement().satisfies((event) -> {
			assertThat(event.getAttempt()).isEqualTo(1);
			assertThat(event.getCause()).hasMessageContaining(expected).hasMessageNotContaining(TestTokens.KEY_SECRET);
		});
		assertThatExceptionOfType(TokenUnavailableException.class).isThrownBy(manager::getToken)
			.withMessageStartingWith("No Conductor token now: the next attempt runs at ")
			.withMessageContaining("; 1 attempt failed, the last: ")
			.withMessageContaining(expected);
	}

	/**
	 * The scheduler survived the bad answer: the next attempt runs and mints.
	 */
	private void assertRecovers(ConductorTokenManager manager) {
		server.wiremock().resetMappings();
		server.issuesTokens();
		this.scheduler.runNext();
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
	}

	/**
	 * A manager whose token endpoint has the time a loaded machine may need to answer a
	 * bad answer: the tests here are about what comes back, not how fast.
	 */
	private ConductorTokenManager manager(URI tokenUri) {
		return manager(tokenUri, Duration.ofSeconds(10));
	}

	private ConductorTokenManager manager(URI tokenUri, Duration readTimeout) {
		return ConductorTokenManager.builder(tokenUri, TestTokens.KEY_ID, TestTokens.KEY_SECRET)
			.timeouts(Duration.ofSeconds(1), readTimeout)
			.acquireTimeout(ACQUIRE_TIMEOUT)
			.clock(this.clock)
			.scheduler(this.scheduler)
			.eventPublisher(this.events)
			.build();
	}

}
