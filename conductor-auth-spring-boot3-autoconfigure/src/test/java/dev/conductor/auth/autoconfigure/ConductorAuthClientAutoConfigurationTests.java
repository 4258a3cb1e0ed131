package dev.conductor.auth.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration;
import org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorSettings;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client auto-configuration scenarios on Spring Boot 3, with its customizers in
 * {@code org.springframework.boot.web}, and how Boot 3's separate request factory and
 * connector settings decide what is wrapped.
 */
class ConductorAuthClientAutoConfigurationTests extends ConductorAuthClientAutoConfigurationScenarios {

	@Test
	void bootThreesRedirectSettingsAreHonoured() {
		runner().withConfiguration(httpClients())
			.withPropertyValues("spring.http.client.redirects=dont-follow",
					"spring.http.reactiveclient.redirects=dont-follow")
			.run((context) -> {
				assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class)
					.build(context.getBean(ClientHttpRequestFactorySettings.class)))
					.isInstanceOf(JdkClientHttpRequestFactory.class);
				assertThat(context.getBean(ClientHttpConnector.class)).isInstanceOf(ReactorClientHttpConnector.class);
			});
	}

	@Override
	Class<?> restClientCustomizerType() {
		return RestClientCustomizer.class;
	}

	@Override
	Class<?> restTemplateCustomizerType() {
		return RestTemplateCustomizer.class;
	}

	@Override
	Class<?> webClientCustomizerType() {
		return WebClientCustomizer.class;
	}

	@Override
	void customize(ApplicationContext context, RestClient.Builder builder) {
		context.getBean(RestClientCustomizer.class).customize(builder);
	}

	@Override
	void customize(ApplicationContext context, RestTemplate restTemplate) {
		context.getBean(RestTemplateCustomizer.class).customize(restTemplate);
	}

	@Override
	void customize(ApplicationContext context, WebClient.Builder builder) {
		context.getBean(WebClientCustomizer.class).customize(builder);
	}

	@Override
	String jdkRequestFactoryProperty() {
		return "spring.http.client.factory=jdk";
	}

	@Override
	AutoConfigurations httpClients() {
		return AutoConfigurations.of(HttpClientAutoConfiguration.class, ClientHttpConnectorAutoConfiguration.class);
	}

	@Override
	ClientHttpRequestFactory requestFactory(ClientHttpRequestFactoryBuilder<?> builder,
			@Nullable HttpRedirects redirects) {
		ClientHttpRequestFactorySettings settings = ClientHttpRequestFactorySettings.defaults();
		return builder
			.build((redirects != null) ? settings.withRedirects(Redirects.valueOf(redirects.name())) : settings);
	}

	@Override
	ClientHttpConnector connector(ClientHttpConnectorBuilder<?> builder, @Nullable HttpRedirects redirects) {
		ClientHttpConnectorSettings settings = ClientHttpConnectorSettings.defaults();
		return builder.build((redirects != null) ? settings.withRedirects(redirects) : settings);
	}

}
