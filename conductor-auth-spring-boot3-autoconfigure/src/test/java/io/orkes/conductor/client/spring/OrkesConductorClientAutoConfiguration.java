package io.orkes.conductor.client.spring;

import com.netflix.conductor.client.http.ConductorClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * A stand-in for the auto-configuration of the same name in the official
 * {@code conductor-client-spring} module for Spring Boot 3, reduced to what decides which
 * {@link ConductorClient} wins: a {@code @Primary} {@code ApiClient} (a
 * {@code ConductorClient}), registered whatever the properties say, whose method returns
 * {@code null} when none of {@code conductor.client.root-uri},
 * {@code conductor.client.base-path} and {@code conductor.server.url} is set, as the real
 * one does. The real one also gives it credentials; this one has none, so that it cannot
 * call a server.
 */
@AutoConfiguration
public class OrkesConductorClientAutoConfiguration {

	@Bean
	@Primary
	@ConditionalOnMissingBean
	public @Nullable ApiClient orkesConductorClient(Environment environment) {
		String rootUri = environment.getProperty("conductor.client.root-uri");
		String basePath = StringUtils.hasText(rootUri) ? rootUri
				: environment.getProperty("conductor.client.base-path");
		if (basePath == null) {
			basePath = environment.getProperty("conductor.server.url");
		}
		if (basePath == null) {
			return null;
		}
		return new ApiClient(basePath);
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
