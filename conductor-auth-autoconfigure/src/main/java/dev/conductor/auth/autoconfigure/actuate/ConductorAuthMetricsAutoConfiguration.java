package dev.conductor.auth.autoconfigure.actuate;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.conductor.auth.autoconfigure.ConductorAuthAutoConfiguration;
import dev.conductor.auth.token.ConductorTokenManager;

/**
 * Auto-configuration of the token's Micrometer meters, when Micrometer is present. Boot
 * binds the {@link ConductorAuthMetrics} to every meter registry.
 */
@AutoConfiguration(after = ConductorAuthAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(ConductorTokenManager.class)
public final class ConductorAuthMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConductorAuthMetrics conductorAuthMetrics(ConductorTokenManager tokenManager) {
		return new ConductorAuthMetrics(tokenManager);
	}

}
