package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the {@link ConductorSimulator} before the application context, unless
 * {@code conductor.auth.base-url} is set (for example through the environment variable
 * {@code CONDUCTOR_AUTH_BASE_URL}) or {@code demo.simulator.enabled=false}, and points
 * {@code conductor.auth.*} at it. The simulator stops last, when the context closes.
 */
public final class ConductorSimulatorInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String KEY_ID = "sample-key-id";

	static final String KEY_SECRET = "sample-key-secret";

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
		ConductorSimulator simulator;
		try {
			simulator = ConductorSimulator.start(KEY_ID, KEY_SECRET, lifetime, Clock.systemUTC());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the Conductor simulator", ex);
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("conductorSimulator",
					Map.of("conductor.auth.base-url", simulator.apiUrl().toString(), "conductor.auth.key-id", KEY_ID,
							"conductor.auth.key-secret", KEY_SECRET)));
		ScheduledExecutorService scenario = DemoScenario.start(simulator, environment);
		// registered first, so destroyed last: after the starter and the work loop
		((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("conductorSimulator", () -> {
			scenario.shutdownNow();
			simulator.close();
		});
		logger.info(
				"[simulator] Conductor simulator at {} issues tokens that live {}s; controls: "
						+ "curl -X POST {}/revoke | {}/outage?seconds=60 | {}/latency?millis=2000",
				simulator.apiUrl(), lifetime.toSeconds(), simulator.controlUrl(), simulator.controlUrl(),
				simulator.controlUrl());
	}

}
