package dev.conductor.auth.autoconfigure.actuate;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code conductorAuth} health in every state of a real token manager.
 */
class ConductorAuthHealthIndicatorTests {

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
		assertThat(health().getStatus()).isEqualTo(Status.UNKNOWN);
	}

	@Test
	void upWithTheExpiryAndTheTimeUntilRefresh() {
		server.issuesTokens();
		start();
		this.scheduler.advance(Duration.ofMinutes(1));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("expiresAt", "2026-01-01T00:10:00Z")
			.containsEntry("refreshIn", "PT4M")
			.containsEntry("consecutiveFailures", 0);
		assertThat(health.toString()).doesNotContain(server.lastIssued()).doesNotContain(TestTokens.KEY_SECRET);
	}

	@Test
	void downWhileNoValidTokenExistsAfterAFailedAttempt() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		start();
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("consecutiveFailures", 1);
		assertThat((String) health.getDetails().get("lastFailure")).contains("answered 503 Service Unavailable")
			.doesNotContain(TestTokens.KEY_SECRET);
	}

	@Test
	void stillUpWhileAValidTokenOutlivesFailedRefreshes() {
		server.issuesTokens();
		start();
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		this.scheduler.advance(Duration.ofMinutes(5));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("consecutiveFailures", 1).containsKey("lastFailure");
	}

	@Test
	void downInTheFatalState() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		start();
		for (int i = 0; i < 4; i++) {
			this.scheduler.runNext();
		}
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("fatal", true).containsEntry("consecutiveFailures", 5);
	}

	@Test
	void upButSaysPlainlyThatRequestsGoWithoutATokenWhenTheServerHasNoSecurity() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(aResponse().withStatus(404)));
		start();
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("secured", false)
			.containsEntry("authentication", "none: the token endpoint answered 404, requests are sent without a token")
			.doesNotContainKeys("expiresAt", "refreshIn");
	}

	private void start() {
		this.manager.start();
		this.scheduler.awaitIdle();
	}

	private Health health() {
		Health health = this.indicator.getHealth(true);
		assertThat(health).isNotNull();
		return health;
	}

}
