package dev.conductor.auth.autoconfigure.actuate;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.conductor.auth.autoconfigure.ConductorAuthAutoConfiguration;
import dev.conductor.auth.event.ConductorTokenRejectedEvent;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * {@link ConductorAuthHealthAutoConfiguration} and
 * {@link ConductorAuthMetricsAutoConfiguration} with Boot's own health endpoint, meter
 * registry and observation registry, run by one subclass per Boot line, which supplies
 * that line's auto-configurations and health types.
 */
abstract class ConductorAuthActuatorAutoConfigurationScenarios {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	/**
	 * Boot's own auto-configurations of the health endpoint, the meter registry and the
	 * observation registry.
	 * @return the auto-configurations
	 */
	abstract AutoConfigurations bootActuator();

	/**
	 * Boot's health indicator type, whose absence turns the health indicator off.
	 * @return the type
	 */
	abstract Class<?> bootHealthIndicator();

	/**
	 * The status code that Boot's health endpoint reports for a path.
	 * @param context the application context
	 * @param path the path, such as {@code conductorAuth}
	 * @return the status code, such as {@code UP}
	 */
	abstract String healthStatus(ApplicationContext context, String path);

	ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
					ConductorAuthHealthAutoConfiguration.class, ConductorAuthMetricsAutoConfiguration.class))
			.withConfiguration(bootActuator())
			.withPropertyValues("conductor.auth.base-url=" + server.baseUrl(),
					"conductor.auth.key-id=" + TestTokens.KEY_ID, "conductor.auth.key-secret=" + TestTokens.KEY_SECRET,
					"management.endpoint.health.show-details=always");
	}

	@Test
	void theHealthEndpointShowsConductorAuth() {
		server.issuesTokens();
		runner().run((context) -> {
			context.getBean(ConductorTokenManager.class).getToken();
			assertThat(healthStatus(context, "conductorAuth")).isEqualTo("UP");
		});
	}

	@Test
	void theHealthIndicatorCanBeTurnedOff() {
		server.issuesTokens();
		runner().withPropertyValues("management.health.conductor-auth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConductorAuthHealthIndicator.class));
	}

	@Test
	void noHealthIndicatorWithoutBootHealth() {
		server.issuesTokens();
		runner().withClassLoader(new FilteredClassLoader(bootHealthIndicator()))
			.run((context) -> assertThat(context).doesNotHaveBean(ConductorAuthHealthIndicator.class)
				.hasSingleBean(ConductorTokenManager.class));
	}

	@Test
	void noMetricsWithoutMicrometer() {
		server.issuesTokens();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
					ConductorAuthMetricsAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=" + server.baseUrl(), "conductor.auth.key-id=id",
					"conductor.auth.key-secret=" + TestTokens.KEY_SECRET)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConductorAuthMetrics.class)
				.hasSingleBean(ConductorTokenManager.class));
	}

	@Test
	void metersTheMintsTheExpiryAndTheRejections() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		runner().run((context) -> {
			ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
			manager.getToken();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.find("conductor.auth.token.mint").tag("outcome", "success").timer() != null);
			Timer mints = registry.get("conductor.auth.token.mint")
				.tag("outcome", "success")
				.tag("reason", "INITIAL")
				.timer();
			assertThat(mints.count()).isEqualTo(1);
			assertThat(registry.get("conductor.auth.token.expiry").gauge().value()).isCloseTo(600, within(5.0));
			assertThat(registry.get("conductor.auth.token.failures").gauge().value()).isZero();
			context.publishEvent(new ConductorTokenRejectedEvent(this, java.time.Clock.systemUTC(), 401,
					"EXPIRED_TOKEN", "GET", "/api/workflow"));
			context.publishEvent(new ConductorTokenRejectedEvent(this, java.time.Clock.systemUTC(), 401,
					"EXPIRED_TOKEN", "GET", "/api/workflow"));
			assertThat(registry.get("conductor.auth.token.rejections")
				.tag("status", "401")
				.tag("error", "EXPIRED_TOKEN")
				.counter()
				.count()).isEqualTo(2);
		});
	}

	@Test
	void metersFailedMints() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		runner().withPropertyValues("conductor.auth.retry.initial-interval=10s").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.find("conductor.auth.token.mint").tag("outcome", "failure").timer() != null);
			assertThat(registry.get("conductor.auth.token.mint").tag("outcome", "failure").timer().count())
				.isEqualTo(1);
			assertThat(registry.get("conductor.auth.token.failures").gauge().value()).isEqualTo(1);
			assertThat(registry.get("conductor.auth.token.expiry").gauge().value()).isNaN();
			assertThat(healthStatus(context, "conductorAuth")).isEqualTo("DOWN");
		});
	}

}
