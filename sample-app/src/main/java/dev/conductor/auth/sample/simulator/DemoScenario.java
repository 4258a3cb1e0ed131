package dev.conductor.auth.sample.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A behaviour of the starter shown on purpose, chosen with {@code --demo.scenario}:
 * {@code revoke} (the server revokes the current token), {@code outage} (the token
 * endpoint goes down for longer than the retry budget), {@code latency} (the token
 * endpoint answers slowly) or {@code none}. Each works with either issuer of the tokens
 * ({@code --demo.issuer}).
 */
enum DemoScenario {

	NONE {
		@Override
		void plan(ConductorSimulator simulator, Environment environment, ScheduledExecutorService timer) {
		}
	},

	REVOKE {
		@Override
		void plan(ConductorSimulator simulator, Environment environment, ScheduledExecutorService timer) {
			Duration after = duration(environment, "demo.revoke-after", Duration.ofSeconds(20));
			logger.info("[simulator] scenario revoke: the server revokes the current token {}s after startup, "
					+ "once the API has accepted it", after.toSeconds());
			timer.schedule(() -> revokeOnceInUse(simulator, timer), after.toMillis(), TimeUnit.MILLISECONDS);
		}

		/**
		 * Revoke the current token once the API has accepted it, early in its life: on a
		 * slow start-up the first token may not have been used yet, and the rejection of
		 * a token never accepted is a failed attempt, not the revocation this scenario
		 * shows; and a token near its scheduled refresh may be replaced before the client
		 * uses it again, so that nothing would show the revocation at all.
		 */
		private void revokeOnceInUse(ConductorSimulator simulator, ScheduledExecutorService timer) {
			if (!simulator.currentTokenInUse() || !simulator.currentTokenYoung()) {
				timer.schedule(() -> revokeOnceInUse(simulator, timer), 250, TimeUnit.MILLISECONDS);
			}
			else if (simulator.revokeCurrentToken()) {
				logger.info("[simulator] revoked the current token: the server now answers it with {}",
						simulator.issuer().revokedAnswer());
			}
		}
	},

	OUTAGE {
		@Override
		void plan(ConductorSimulator simulator, Environment environment, ScheduledExecutorService timer) {
			Duration after = duration(environment, "demo.outage-after", Duration.ofSeconds(10));
			Duration length = duration(environment, "demo.outage-for", Duration.ofMinutes(10));
			logger.info("[simulator] scenario outage: the token endpoint answers 503 from {}s after startup for {}",
					after.toSeconds(), length);
			timer.schedule(() -> {
				simulator.outage(length);
				logger.info("[simulator] the token endpoint is down for {}", length);
			}, after.toMillis(), TimeUnit.MILLISECONDS);
		}
	},

	LATENCY {
		@Override
		void plan(ConductorSimulator simulator, Environment environment, ScheduledExecutorService timer) {
			Duration latency = duration(environment, "demo.latency", Duration.ofSeconds(2));
			simulator.tokenLatency(latency);
			logger.info("[simulator] scenario latency: the token endpoint answers after {} ms; requests keep "
					+ "the current token meanwhile", latency.toMillis());
		}
	};

	private static final Logger logger = LoggerFactory.getLogger(DemoScenario.class);

	abstract void plan(ConductorSimulator simulator, Environment environment, ScheduledExecutorService timer);

	/**
	 * Plan the scenario named by {@code demo.scenario}.
	 * @return the timer that carries it out, to close with the simulator
	 */
	static ScheduledExecutorService start(ConductorSimulator simulator, Environment environment) {
		String name = environment.getProperty("demo.scenario", "none").trim().toUpperCase(Locale.ROOT);
		DemoScenario scenario;
		try {
			scenario = valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Unknown demo.scenario '" + name.toLowerCase(Locale.ROOT)
					+ "': use none, revoke, outage or latency", ex);
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("demo-scenario-");
		threads.setDaemon(true);
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads);
		scenario.plan(simulator, environment, timer);
		return timer;
	}

	private static Duration duration(Environment environment, String property, Duration fallback) {
		Duration value = environment.getProperty(property, Duration.class);
		return (value != null) ? value : fallback;
	}

}
