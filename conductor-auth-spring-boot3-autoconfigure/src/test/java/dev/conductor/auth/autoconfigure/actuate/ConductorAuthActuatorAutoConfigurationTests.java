package dev.conductor.auth.autoconfigure.actuate;

import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator auto-configuration scenarios on Spring Boot 3, whose health endpoint lives
 * in {@code org.springframework.boot.actuate.health}.
 */
class ConductorAuthActuatorAutoConfigurationTests extends ConductorAuthActuatorAutoConfigurationScenarios {

	@Override
	AutoConfigurations bootActuator() {
		return AutoConfigurations.of(HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
				ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class);
	}

	@Override
	Class<?> bootHealthIndicator() {
		return HealthIndicator.class;
	}

	@Override
	String healthStatus(ApplicationContext context, String path) {
		HealthComponent health = context.getBean(HealthEndpoint.class).healthForPath(path);
		assertThat(health).isNotNull();
		return health.getStatus().getCode();
	}

}
