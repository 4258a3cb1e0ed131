package dev.conductor.auth.autoconfigure.actuate;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code conductorAuth} health in every state of a real token manager, run by one
 * subclass per Boot line, which reads the indicator's health through that line's own
 * {@code Health} type.
 */
abstract class ConductorAuthHealthIndicatorScenarios {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	private final MutableClock clock = new MutableClock();

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler(this.clock);

	private ConductorTokenManager manager;

	private ConductorAuthHealthIndicator indicator;

	@BeforeEach
	void setUp() {
		server.clock(this.clock).lifetime(Duration.ofMinutes(10));
		this.manager = ConductorTokenManager.builder(server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
			.clock(this.clock)
			.scheduler(this.scheduler)
			.acquireTimeout(Duration.ofMillis(100))
			.build();
		this.indicator = new ConductorAuthHealthIndicator(this.manager);
	}

	@AfterEach
	void tearDown() {
		this.manager.close();
		this.scheduler.close();
	}

	@Test
	void unknownBeforeTheFirstToken() {
		assertThat(health().status()).isEqualTo("UNKNOWN");
	}

	@Test
	void upWithTheExpiryAndTheTimeUntilRefresh() {
		server.issuesTokens();
		start();
		this.scheduler.advance(Duration.ofMinutes(1));
		HealthReport health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).containsEntry("expiresAt", "2026-01-01T00:10:00Z")
			.containsEntry("refreshIn", "PT4M")
			.containsEntry("consecutiveFailures", 0);
		assertThat(health.text()).doesNotContain(server.lastIssued()).doesNotContain(TestTokens.KEY_SECRET);
	}

	@Test
	void downWhileNoValidTokenExistsAfterAFailedAttempt() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		start();
		HealthReport health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details()).containsEntry("consecutiveFailures", 1);
		assertThat((String) health.details().get("lastFailure")).contains("answered 503 Service Unavailable")
			.doesNotContain(TestTokens.KEY_SECRET);
	}

	@Test
	void stillUpWhileAValidTokenOutlivesFailedRefreshes() {
		server.issuesTokens();
		start();
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		this.scheduler.advance(Duration.ofMinutes(5));
		HealthReport health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).containsEntry("consecutiveFailures", 1).containsKey("lastFailure");
	}

	@Test
	void downInTheFatalState() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		start();
		for (int i = 0; i < 4; i++) {
			this.scheduler.runNext();
		}
		HealthReport health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details()).containsEntry("fatal", true).containsEntry("consecutiveFailures", 5);
	}

	@Test
	void upButSaysPlainlyThatRequestsGoWithoutATokenWhenTheServerHasNoSecurity() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(aResponse().withStatus(404)));
		start();
		HealthReport health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).containsEntry("secured", false)
			.containsEntry("authentication", "none: the token endpoint answered 404, requests are sent without a token")
			.doesNotContainKeys("expiresAt", "refreshIn");
	}

	private void start() {
		this.manager.start();
		this.scheduler.awaitIdle();
	}

	private HealthReport health() {
		return health(this.indicator);
	}

	/**
	 * The indicator's health with details, as the Boot line under test reports it.
	 * @param indicator the indicator to ask
	 * @return its status code, details and text
	 */
	abstract HealthReport health(ConductorAuthHealthIndicator indicator);

	/**
	 * A health in terms both Boot lines share.
	 *
	 * @param status the status code, such as {@code UP}
	 * @param details the details
	 * @param text the health's {@code toString()}, which must never show a secret
	 */
	record HealthReport(String status, Map<String, Object> details, String text) {

	}

}
