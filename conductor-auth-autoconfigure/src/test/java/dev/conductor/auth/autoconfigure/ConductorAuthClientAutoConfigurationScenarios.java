package dev.conductor.auth.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import dev.conductor.auth.client.ConductorAuthExchangeFilter;
import dev.conductor.auth.client.ConductorAuthInterceptor;
import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.client.ConductorScopedClientHttpConnector;
import dev.conductor.auth.client.ConductorScopedRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConductorAuthClientAutoConfiguration}: which adapters and customizers exist,
 * that each integration backs off without its classes, and which of the clients that
 * Boot's builders build are wrapped; run by one subclass per Boot line, which supplies
 * that line's customizer types, HTTP client auto-configurations and settings.
 */
abstract class ConductorAuthClientAutoConfigurationScenarios {

	/**
	 * Boot's {@code RestClientCustomizer} type.
	 * @return the type
	 */
	abstract Class<?> restClientCustomizerType();

	/**
	 * Boot's {@code RestTemplateCustomizer} type.
	 * @return the type
	 */
	abstract Class<?> restTemplateCustomizerType();

	/**
	 * Boot's {@code WebClientCustomizer} type.
	 * @return the type
	 */
	abstract Class<?> webClientCustomizerType();

	/**
	 * Applies the context's {@code RestClientCustomizer} to a builder.
	 * @param context the application context
	 * @param builder the builder to customize
	 */
	abstract void customize(ApplicationContext context, RestClient.Builder builder);

	/**
	 * Applies the context's {@code RestTemplateCustomizer} to a template.
	 * @param context the application context
	 * @param restTemplate the template to customize
	 */
	abstract void customize(ApplicationContext context, RestTemplate restTemplate);

	/**
	 * Applies the context's {@code WebClientCustomizer} to a builder.
	 * @param context the application context
	 * @param builder the builder to customize
	 */
	abstract void customize(ApplicationContext context, WebClient.Builder builder);

	/**
	 * The property that makes Boot's imperative clients use the JDK's HTTP client.
	 * @return the property, as {@code name=value}
	 */
	abstract String jdkRequestFactoryProperty();

	/**
	 * Boot's auto-configurations of the request factory and connector builders.
	 * @return the auto-configurations
	 */
	abstract AutoConfigurations httpClients();

	/**
	 * A request factory built from the Boot line's default settings and the given
	 * redirects.
	 * @param builder the builder
	 * @param redirects the redirects to set, or {@code null} for the defaults
	 * @return the request factory
	 */
	abstract ClientHttpRequestFactory requestFactory(ClientHttpRequestFactoryBuilder<?> builder,
			@Nullable HttpRedirects redirects);

	/**
	 * A connector built from the Boot line's default settings and the given redirects.
	 * @param builder the builder
	 * @param redirects the redirects to set, or {@code null} for the defaults
	 * @return the connector
	 */
	abstract ClientHttpConnector connector(ClientHttpConnectorBuilder<?> builder, @Nullable HttpRedirects redirects);

	ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
					ConductorAuthClientAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=https://conductor.example/api", "conductor.auth.key-id=id",
					"conductor.auth.key-secret=secret", "conductor.auth.token-ttl=1h", jdkRequestFactoryProperty(),
					"spring.reactor.netty.shutdown-quiet-period=0s");
	}

	@Test
	void registersAnAdapterForEveryClientType() {
		runner().run((context) -> assertThat(context).hasSingleBean(ConductorAuthInterceptor.class)
			.hasSingleBean(ConductorAuthExchangeFilter.class)
			.hasSingleBean(restClientCustomizerType())
			.hasSingleBean(restTemplateCustomizerType())
			.hasSingleBean(webClientCustomizerType()));
	}

	@Test
	void theRestClientCustomizerPutsTheInterceptorFirst() {
		runner().run((context) -> {
			RestClient.Builder builder = RestClient.builder().requestInterceptor((request, body, execution) -> {
				throw new IllegalStateException("not called");
			});
			customize(context, builder);
			builder.requestInterceptors((interceptors) -> assertThat(interceptors).hasSize(2)
				.first()
				.isSameAs(context.getBean(ConductorAuthInterceptor.class)));
		});
	}

	@Test
	void theRestTemplateCustomizerPutsTheInterceptorFirst() {
		runner().run((context) -> {
			RestTemplate restTemplate = new RestTemplate();
			restTemplate.getInterceptors().add((request, body, execution) -> execution.execute(request, body));
			customize(context, restTemplate);
			assertThat(restTemplate.getInterceptors()).hasSize(2)
				.first()
				.isSameAs(context.getBean(ConductorAuthInterceptor.class));
		});
	}

	@Test
	void theWebClientCustomizerPutsTheFilterFirst() {
		runner().run((context) -> {
			WebClient.Builder builder = WebClient.builder().filter((request, next) -> next.exchange(request));
			customize(context, builder);
			builder.filters((filters) -> assertThat(filters).hasSize(2)
				.first()
				.isSameAs(context.getBean(ConductorAuthExchangeFilter.class)));
		});
	}

	@Test
	void backsOffFromRestClientWithoutItsBootModule() {
		runner().withClassLoader(new FilteredClassLoader(restClientCustomizerType(), restTemplateCustomizerType()))
			.run((context) -> assertThat(context).hasSingleBean(ConductorAuthInterceptor.class)
				.doesNotHaveBean(restClientCustomizerType())
				.doesNotHaveBean(restTemplateCustomizerType())
				.hasSingleBean(webClientCustomizerType()));
	}

	@Test
	void backsOffFromWebClientWithoutWebFlux() {
		runner().withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConductorAuthExchangeFilter.class)
				.doesNotHaveBean(webClientCustomizerType())
				.hasSingleBean(restClientCustomizerType()));
	}

	@Test
	void backsOffFromWebClientWithoutItsBootModule() {
		runner().withClassLoader(new FilteredClassLoader(webClientCustomizerType()))
			.run((context) -> assertThat(context).doesNotHaveBean(ConductorAuthExchangeFilter.class));
	}

	@Test
	void userDefinedAdaptersWin() {
		runner()
			.withBean("myInterceptor", ConductorAuthInterceptor.class,
					() -> new ConductorAuthInterceptor(authenticator()))
			.withBean("myFilter", ConductorAuthExchangeFilter.class,
					() -> new ConductorAuthExchangeFilter(authenticator()))
			.run((context) -> {
				assertThat(context).hasSingleBean(ConductorAuthInterceptor.class)
					.hasSingleBean(ConductorAuthExchangeFilter.class);
				assertThat(context.getBeanNamesForType(ConductorAuthInterceptor.class))
					.containsExactly("myInterceptor");
				assertThat(context.getBeanNamesForType(ConductorAuthExchangeFilter.class)).containsExactly("myFilter");
			});
	}

	@Test
	void theHttpClientsOfBootsBuildersKeepTheirRedirectsAwayFromTheToken() {
		runner().withConfiguration(httpClients()).run((context) -> {
			ClientHttpRequestFactoryBuilder<?> requestFactories = context
				.getBean(ClientHttpRequestFactoryBuilder.class);
			ClientHttpConnectorBuilder<?> connectors = context.getBean(ClientHttpConnectorBuilder.class);
			assertThat(requestFactory(requestFactories, null)).isInstanceOf(ConductorScopedRequestFactory.class);
			assertThat(requestFactory(requestFactories, HttpRedirects.FOLLOW))
				.isInstanceOf(ConductorScopedRequestFactory.class);
			assertThat(connector(connectors, null)).isInstanceOf(ConductorScopedClientHttpConnector.class);
			assertThat(connector(connectors, HttpRedirects.FOLLOW))
				.isInstanceOf(ConductorScopedClientHttpConnector.class);
			assertThat(context.getBean(ClientHttpConnector.class))
				.isInstanceOf(ConductorScopedClientHttpConnector.class);
		});
	}

	@Test
	void aClientBuiltNotToFollowRedirectsIsLeftAsItIs() {
		runner().withConfiguration(httpClients()).run((context) -> {
			assertThat(
					requestFactory(context.getBean(ClientHttpRequestFactoryBuilder.class), HttpRedirects.DONT_FOLLOW))
				.isInstanceOf(JdkClientHttpRequestFactory.class);
			assertThat(connector(context.getBean(ClientHttpConnectorBuilder.class), HttpRedirects.DONT_FOLLOW))
				.isInstanceOf(ReactorClientHttpConnector.class);
		});
	}

	@Test
	void theHttpClientsAreLeftAsTheyAreWhenDisabled() {
		runner().withConfiguration(httpClients()).withPropertyValues("conductor.auth.enabled=false").run((context) -> {
			assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class).build())
				.isInstanceOf(JdkClientHttpRequestFactory.class);
			assertThat(context.getBean(ClientHttpConnector.class)).isInstanceOf(ReactorClientHttpConnector.class);
		});
	}

	@Test
	void noAdapterWhenDisabled() {
		runner().withPropertyValues("conductor.auth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConductorAuthInterceptor.class)
				.doesNotHaveBean(ConductorAuthExchangeFilter.class)
				.doesNotHaveBean(restClientCustomizerType()));
	}

	private static ConductorRequestAuthenticator authenticator() {
		return ConductorRequestAuthenticator
			.builder(dev.conductor.auth.token.ConductorTokenManager
				.builder(java.net.URI.create("https://conductor.example/api/token"), "id", "secret")
				.build(), java.net.URI.create("https://conductor.example/api"))
			.build();
	}

}
