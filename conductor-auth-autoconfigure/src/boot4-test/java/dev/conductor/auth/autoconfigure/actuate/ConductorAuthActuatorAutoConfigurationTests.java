package dev.conductor.auth.autoconfigure.actuate;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator auto-configuration scenarios on Spring Boot 4, whose health and Micrometer
 * support live in {@code org.springframework.boot.health} and
 * {@code org.springframework.boot.micrometer}.
 */
class ConductorAuthActuatorAutoConfigurationTests extends ConductorAuthActuatorAutoConfigurationScenarios {

	@Override
	AutoConfigurations bootActuator() {
		return AutoConfigurations.of(HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
				ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class);
	}

	@Override
	Class<?> bootHealthIndicator() {
		return HealthIndicator.class;
	}

	@Override
	String healthStatus(ApplicationContext context, String path) {
		HealthDescriptor health = context.getBean(HealthEndpoint.class).healthForPath(path);
		assertThat(health).isNotNull();
		return health.getStatus().getCode();
	}

}
