package dev.conductor.auth.autoconfigure.actuate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.conductor.auth.autoconfigure.ConductorAuthAutoConfiguration;
import dev.conductor.auth.token.ConductorTokenManager;

/**
 * Auto-configuration of the {@code conductorAuth} health indicator. Off with
 * {@code management.health.conductor-auth.enabled=false}.
 */
@AutoConfiguration(after = ConductorAuthAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ConductorTokenManager.class)
@ConditionalOnEnabledHealthIndicator("conductor-auth")
public final class ConductorAuthHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "conductorAuthHealthIndicator")
	ConductorAuthHealthIndicator conductorAuthHealthIndicator(ConductorTokenManager tokenManager) {
		return new ConductorAuthHealthIndicator(tokenManager);
	}

}
