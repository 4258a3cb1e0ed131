package com.netflix.conductor.client.spring;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A stand-in for the auto-configuration of the same name in the official
 * {@code conductor-client-spring-boot4} module (as of its 6.0 sources), reduced to what
 * decides which {@link ConductorClient} wins: the order, the conditions and the bean
 * types. The real module is not on the test class path; the class name is the real one,
 * so that conductor-auth's ordering applies to it.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
public class ConductorClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnExpression("'${conductor.client.root-uri:}' != '' or '${conductor.client.base-path:}' != ''")
	public ConductorClient conductorClient(Environment environment) {
		String rootUri = environment.getProperty("conductor.client.root-uri");
		return ConductorClient.builder()
			.basePath((rootUri != null) ? rootUri : environment.getProperty("conductor.client.base-path"))
			.build();
	}

	@Bean
	@ConditionalOnBean(ConductorClient.class)
	@ConditionalOnMissingBean
	public TaskClient taskClient(ConductorClient client) {
		return new TaskClient(client);
	}

}
