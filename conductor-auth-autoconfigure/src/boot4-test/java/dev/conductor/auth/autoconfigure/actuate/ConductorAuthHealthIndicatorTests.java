package dev.conductor.auth.autoconfigure.actuate;

import org.springframework.boot.health.contributor.Health;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health indicator scenarios on Spring Boot 4, whose {@code Health} lives in
 * {@code org.springframework.boot.health.contributor}.
 */
class ConductorAuthHealthIndicatorTests extends ConductorAuthHealthIndicatorScenarios {

	@Override
	HealthReport health(ConductorAuthHealthIndicator indicator) {
		Health health = indicator.health(true);
		assertThat(health).isNotNull();
		return new HealthReport(health.getStatus().getCode(), health.getDetails(), health.toString());
	}

}
