package io.orkes.conductor.client.spring;

import java.util.Optional;

import com.netflix.conductor.client.metrics.MetricsCollector;
import com.netflix.conductor.client.spring.ClientProperties;
import io.orkes.conductor.client.ApiClient;
import io.orkes.conductor.client.OrkesClients;
import io.orkes.conductor.client.http.OrkesMetadataClient;
import io.orkes.conductor.client.http.OrkesTaskClient;
import io.orkes.conductor.client.http.OrkesWorkflowClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * A stand-in for the auto-configuration of the same name in the official
 * {@code conductor-client-spring-boot4} module (as of its 6.0 sources), with its
 * conditions, bean names and types: a {@code @Primary} {@link ApiClient} named
 * {@code orkesConductorClient}, {@code @ConditionalOnMissingBean}, whenever
 * {@code conductor.client.root-uri}, {@code base-path} or {@code conductor.server.url} is
 * set, built with the module's client settings, the {@link MetricsCollector} and the
 * credentials of {@code conductor.client.key-id} / {@code secret} (else
 * {@code conductor.security.client.*}), so that it mints and refreshes a token of its
 * own; and, from whichever {@code ApiClient} the context holds, {@link OrkesClients} and
 * its task, workflow and metadata clients.
 */
@AutoConfiguration
@Import(OrkesClientProperties.class)
public class OrkesConductorClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ClientProperties clientProperties(Environment environment) {
		return ClientProperties.bind(environment);
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	@ConditionalOnExpression("'${conductor.client.root-uri:}' != '' or '${conductor.client.base-path:}' != ''"
			+ " or '${conductor.server.url:}' != ''")
	public ApiClient orkesConductorClient(ClientProperties clientProperties, OrkesClientProperties orkesProperties,
			Optional<MetricsCollector> metricsCollector) {
		String basePath = (clientProperties.getRootUri() != null) ? clientProperties.getRootUri()
				: clientProperties.getBasePath();
		if (basePath == null) {
			basePath = orkesProperties.getConductorServerUrl();
		}
		ApiClient.ApiClientBuilder builder = ApiClient.builder()
			.basePath(basePath)
			.connectTimeout(clientProperties.getTimeout().getConnect())
			.readTimeout(clientProperties.getTimeout().getRead())
			.writeTimeout(clientProperties.getTimeout().getWrite())
			.verifyingSsl(clientProperties.isVerifyingSsl());
		if (orkesProperties.getKeyId() != null) {
			builder.credentials(orkesProperties.getKeyId(), orkesProperties.getSecret());
		}
		else if (orkesProperties.getSecurityKeyId() != null) {
			builder.credentials(orkesProperties.getSecurityKeyId(), orkesProperties.getSecuritySecret());
		}
		metricsCollector.ifPresent(builder::withMetricsCollector);
		return builder.build();
	}

	@Bean
	@ConditionalOnBean(ApiClient.class)
	@ConditionalOnMissingBean
	public OrkesClients orkesClients(ApiClient client) {
		return new OrkesClients(client);
	}

	@Bean
	@ConditionalOnBean(ApiClient.class)
	@ConditionalOnMissingBean
	public OrkesTaskClient orkesTaskClient(OrkesClients clients) {
		return clients.getTaskClient();
	}

	@Bean
	@ConditionalOnBean(ApiClient.class)
	@ConditionalOnMissingBean
	public OrkesWorkflowClient orkesWorkflowClient(OrkesClients clients) {
		return clients.getWorkflowClient();
	}

	@Bean
	@ConditionalOnBean(ApiClient.class)
	@ConditionalOnMissingBean
	public OrkesMetadataClient orkesMetadataClient(OrkesClients clients) {
		return clients.getMetadataClient();
	}

}
