package dev.conductor.auth.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link ConductorAuthSanitizingFunction} that masks the key
 * secret in the actuator's {@code env} and {@code configprops} endpoints, when the
 * actuator is present. It is not bound to {@code conductor.auth.enabled}: the secret
 * stays in the configuration of an application that turns conductor-auth off.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class ConductorAuthSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "conductorAuthSanitizingFunction")
	ConductorAuthSanitizingFunction conductorAuthSanitizingFunction(Environment environment) {
		return new ConductorAuthSanitizingFunction(environment);
	}

}
