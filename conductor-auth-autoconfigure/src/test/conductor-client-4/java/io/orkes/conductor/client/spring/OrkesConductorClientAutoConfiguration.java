package io.orkes.conductor.client.spring;

import com.netflix.conductor.client.http.ConductorClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * A stand-in for the auto-configuration of the same name in the official
 * {@code conductor-client-spring-boot4} module (as of its 6.0 sources), reduced to what
 * decides which {@link ConductorClient} wins: a {@code @Primary} {@code ApiClient} (a
 * {@code ConductorClient}) whenever a Conductor URL of the official client is set. The
 * real one also gives it credentials from {@code conductor.client.key-id} and
 * {@code conductor.client.secret}; this one has none, so that it cannot call a server.
 */
@AutoConfiguration
public class OrkesConductorClientAutoConfiguration {

	@Bean
	@Primary
	@ConditionalOnMissingBean
	@ConditionalOnExpression("'${conductor.client.root-uri:}' != '' or '${conductor.client.base-path:}' != ''"
			+ " or '${conductor.server.url:}' != ''")
	public ApiClient orkesConductorClient(Environment environment) {
		String rootUri = environment.getProperty("conductor.client.root-uri");
		return new ApiClient((rootUri != null) ? rootUri : environment.getProperty("conductor.client.base-path"));
	}

	/**
	 * Stands for {@code io.orkes.conductor.client.ApiClient}, which conductor-client 4
	 * does not have.
	 */
	public static final class ApiClient extends ConductorClient {

		ApiClient(String basePath) {
			super(ConductorClient.builder().basePath(basePath));
		}

	}

}
