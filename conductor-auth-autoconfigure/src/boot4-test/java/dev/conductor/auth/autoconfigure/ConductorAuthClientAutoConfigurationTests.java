package dev.conductor.auth.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The client auto-configuration scenarios on Spring Boot 4, with its customizers in
 * {@code org.springframework.boot.restclient} and
 * {@code org.springframework.boot.webclient} and one {@link HttpClientSettings} for both
 * kinds of client.
 */
class ConductorAuthClientAutoConfigurationTests extends ConductorAuthClientAutoConfigurationScenarios {

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
		return "spring.http.clients.imperative.factory=jdk";
	}

	@Override
	AutoConfigurations httpClients() {
		return AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class);
	}

	@Override
	ClientHttpRequestFactory requestFactory(ClientHttpRequestFactoryBuilder<?> builder,
			@Nullable HttpRedirects redirects) {
		return builder.build(settings(redirects));
	}

	@Override
	ClientHttpConnector connector(ClientHttpConnectorBuilder<?> builder, @Nullable HttpRedirects redirects) {
		return builder.build(settings(redirects));
	}

	private static HttpClientSettings settings(@Nullable HttpRedirects redirects) {
		return (redirects != null) ? HttpClientSettings.defaults().withRedirects(redirects)
				: HttpClientSettings.defaults();
	}

}
