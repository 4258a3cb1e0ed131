package dev.conductor.auth.autoconfigure.actuate;

import org.springframework.boot.actuate.health.Health;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health indicator scenarios on Spring Boot 3, whose {@code Health} lives in
 * {@code org.springframework.boot.actuate.health}.
 */
class ConductorAuthHealthIndicatorTests extends ConductorAuthHealthIndicatorScenarios {

	@Override
	HealthReport health(ConductorAuthHealthIndicator indicator) {
		Health health = indicator.getHealth(true);
		assertThat(health).isNotNull();
		return new HealthReport(health.getStatus().getCode(), health.getDetails(), health.toString());
	}

}
