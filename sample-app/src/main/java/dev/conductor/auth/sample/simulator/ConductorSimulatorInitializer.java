package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.conductor.auth.sample.simulator.ConductorSimulator.Issuer;

/**
 * Starts the {@link ConductorSimulator} before the application context, unless
 * {@code conductor.auth.base-url} is set (for example through the environment variable
 * {@code CONDUCTOR_AUTH_BASE_URL}) or {@code demo.simulator.enabled=false}, and points
 * the application at it through properties only: {@code conductor.auth.*} with an
 * application key by default, or with {@code demo.issuer=oauth2} an OAuth2 client
 * registration ({@code spring.security.oauth2.client.*}, client credentials grant) that
 * {@code conductor.auth.oauth2.registration-id} names. The simulator stops last, when the
 * context closes.
 */
public final class ConductorSimulatorInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String KEY_ID = "sample-key-id";

	static final String KEY_SECRET = "sample-key-secret";

	static final String CLIENT_ID = "sample-client";

	static final String CLIENT_SECRET = "sample-client-secret";

	private static final Logger logger = LoggerFactory.getLogger(ConductorSimulatorInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String baseUrl = environment.getProperty("conductor.auth.base-url");
		if (baseUrl != null) {
			logger.info("[simulator] off: conductor.auth.base-url is set, talking to {}", baseUrl);
			return;
		}
		if (!environment.getProperty("demo.simulator.enabled", Boolean.class, true)) {
			logger.info("[simulator] off: demo.simulator.enabled=false");
			return;
		}
		Duration lifetime = environment.getProperty("demo.token-lifetime", Duration.class, Duration.ofSeconds(30));
		Issuer issuer = issuer(environment);
		ConductorSimulator simulator;
		try {
			simulator = (issuer == Issuer.OAUTH2)
					? ConductorSimulator.start(issuer, CLIENT_ID, CLIENT_SECRET, lifetime, Clock.systemUTC())
					: ConductorSimulator.start(issuer, KEY_ID, KEY_SECRET, lifetime, Clock.systemUTC());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the Conductor simulator", ex);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("conductorSimulator", properties(simulator)));
		ScheduledExecutorService scenario = DemoScenario.start(simulator, environment);
		// registered first, so destroyed last: after the starter and the work loop
		((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("conductorSimulator", () -> {
			scenario.shutdownNow();
			simulator.close();
		});
		String controls = "curl -X POST " + simulator.controlUrl() + "/revoke | " + simulator.controlUrl()
				+ "/outage?seconds=60 | " + simulator.controlUrl() + "/latency?millis=2000";
		if (issuer == Issuer.OAUTH2) {
			logger.info(
					"[simulator] OAuth2 issuer at {} grants client credentials, access tokens that live {}s, for "
							+ "the Conductor API at {} behind a gateway (Authorization: Bearer); controls: {}",
					simulator.tokenUrl(), lifetime.toSeconds(), simulator.apiUrl(), controls);
		}
		else {
			logger.info("[simulator] Conductor simulator at {} issues tokens that live {}s; controls: {}",
					simulator.apiUrl(), lifetime.toSeconds(), controls);
		}
	}

	private static Issuer issuer(ConfigurableEnvironment environment) {
		String name = environment.getProperty("demo.issuer", "conductor").trim().toUpperCase(Locale.ROOT);
		try {
			return Issuer.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Unknown demo.issuer '" + name.toLowerCase(Locale.ROOT) + "': use conductor or oauth2", ex);
		}
	}

	/**
	 * The properties that point the application at the simulator: nothing else in the
	 * application knows about it.
	 */
	private static Map<String, Object> properties(ConductorSimulator simulator) {
		String baseUrl = simulator.apiUrl().toString();
		if (simulator.issuer() != Issuer.OAUTH2) {
			return Map.of("conductor.auth.base-url", baseUrl, "conductor.auth.key-id", KEY_ID,
					"conductor.auth.key-secret", KEY_SECRET);
		}
		String registration = "spring.security.oauth2.client.registration.conductor.";
		return Map.of("conductor.auth.base-url", baseUrl, "conductor.auth.oauth2.registration-id", "conductor",
				registration + "client-id", CLIENT_ID, registration + "client-secret", CLIENT_SECRET,
				registration + "authorization-grant-type", "client_credentials", registration + "provider", "simulator",
				"spring.security.oauth2.client.provider.simulator.token-uri", simulator.tokenUrl().toString());
	}

}
