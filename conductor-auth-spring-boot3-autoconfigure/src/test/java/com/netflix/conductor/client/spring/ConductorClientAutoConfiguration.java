package com.netflix.conductor.client.spring;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * A stand-in for the auto-configuration of the same name in the official
 * {@code conductor-client-spring} module for Spring Boot 3, reduced to what decides which
 * {@link ConductorClient} wins: the order, the conditions and the bean types. Its
 * {@code ConductorClient} is registered whatever the properties say, and is {@code null}
 * without {@code conductor.client.root-uri} or {@code conductor.client.base-path}, as the
 * real one's. The class name is the real one, so that conductor-auth's ordering applies
 * to it.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
public class ConductorClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public @Nullable ConductorClient conductorClient(Environment environment) {
		String rootUri = environment.getProperty("conductor.client.root-uri");
		String basePath = StringUtils.hasText(rootUri) ? rootUri
				: environment.getProperty("conductor.client.base-path");
		return (basePath != null) ? ConductorClient.builder().basePath(basePath).build() : null;
	}

	@Bean
	@ConditionalOnBean(ConductorClient.class)
	@ConditionalOnMissingBean
	public TaskClient taskClient(ConductorClient client) {
		return new TaskClient(client);
	}

}
