package dev.conductor.auth.autoconfigure;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code exit-on-failure=false}, an application whose token endpoint comes back
 * answering 404 (the server has no security) has recovered like any other: liveness goes
 * back to {@code CORRECT}.
 */
class RecoveryThroughNoSecurityTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class))
		.withBean(ApplicationAvailabilityBean.class)
		.withPropertyValues("conductor.auth.base-url=" + server.baseUrl(), "conductor.auth.key-id=" + TestTokens.KEY_ID,
				"conductor.auth.key-secret=" + TestTokens.KEY_SECRET, "conductor.auth.exit-on-failure=false",
				"conductor.auth.retry.max-attempts=2", "conductor.auth.retry.initial-interval=20ms",
				"conductor.auth.retry.max-interval=50ms");

	@Test
	void aRecoveryThroughA404SetsLivenessBackToCorrect() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		this.runner.run((context) -> {
			ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
			ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> manager.getStatus().fatal() && availability.getLivenessState() == LivenessState.BROKEN);
			server.wiremock().resetMappings();
			server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(aResponse().withStatus(404)));
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> availability.getLivenessState() == LivenessState.CORRECT);
			assertThat(manager.getToken()).isNull();
			assertThat(manager.getStatus().fatal()).isFalse();
		});
	}

}
