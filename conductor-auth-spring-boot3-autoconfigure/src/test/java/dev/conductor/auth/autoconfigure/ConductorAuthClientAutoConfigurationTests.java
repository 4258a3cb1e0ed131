package dev.conductor.auth.autoconfigure;

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
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
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
 * {@link ConductorAuthClientAutoConfiguration} on Spring Boot 3: which adapters and
 * customizers exist (Boot 3's, in {@code org.springframework.boot.web}), that each
 * integration backs off without its classes, and how Boot 3's request factory and
 * connector settings decide what is wrapped.
 */
class ConductorAuthClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ConductorAuthAutoConfiguration.class, ConductorAuthClientAutoConfiguration.class))
		.withPropertyValues("conductor.auth.base-url=https://conductor.example/api", "conductor.auth.key-id=id",
				"conductor.auth.key-secret=secret", "conductor.auth.token-ttl=1h", "spring.http.client.factory=jdk",
				"spring.reactor.netty.shutdown-quiet-period=0s");

	@Test
	void registersAnAdapterForEveryClientType() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ConductorAuthInterceptor.class)
			.hasSingleBean(ConductorAuthExchangeFilter.class)
			.hasSingleBean(RestClientCustomizer.class)
			.hasSingleBean(RestTemplateCustomizer.class)
			.hasSingleBean(WebClientCustomizer.class));
	}

	@Test
	void theRestClientCustomizerPutsTheInterceptorFirst() {
		this.runner.run((context) -> {
			RestClient.Builder builder = RestClient.builder().requestInterceptor((request, body, execution) -> {
				throw new IllegalStateException("not called");
			});
			context.getBean(RestClientCustomizer.class).customize(builder);
			builder.requestInterceptors((interceptors) -> assertThat(interceptors).hasSize(2)
				.first()
				.isSameAs(context.getBean(ConductorAuthInterceptor.class)));
		});
	}

	@Test
	void theRestTemplateCustomizerPutsTheInterceptorFirst() {
		this.runner.run((context) -> {
			RestTemplate restTemplate = new RestTemplate();
			restTemplate.getInterceptors().add((request, body, execution) -> execution.execute(request, body));
			context.getBean(RestTemplateCustomizer.class).customize(restTemplate);
			assertThat(restTemplate.getInterceptors()).hasSize(2)
				.first()
				.isSameAs(context.getBean(ConductorAuthInterceptor.class));
		});
	}

	@Test
	void theWebClientCustomizerPutsTheFilterFirst() {
		this.runner.run((context) -> {
			WebClient.Builder builder = WebClient.builder().filter((request, next) -> next.exchange(request));
			context.getBean(WebClientCustomizer.class).customize(builder);
			builder.filters((filters) -> assertThat(filters).hasSize(2)
				.first()
				.isSameAs(context.getBean(ConductorAuthExchangeFilter.class)));
		});
	}

	@Test
	void backsOffFromRestClientWithoutItsBootModule() {
		this.runner.withClassLoader(new FilteredClassLoader(RestClientCustomizer.class, RestTemplateCustomizer.class))
			.run((context) -> assertThat(context).hasSingleBean(ConductorAuthInterceptor.class)
				.doesNotHaveBean(RestClientCustomizer.class)
				.doesNotHaveBean(RestTemplateCustomizer.class)
				.hasSingleBean(WebClientCustomizer.class));
	}

	@Test
	void backsOffFromWebClientWithoutWebFlux() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConductorAuthExchangeFilter.class)
				.doesNotHaveBean(WebClientCustomizer.class)
				.hasSingleBean(RestClientCustomizer.class));
	}

	@Test
	void backsOffFromWebClientWithoutItsBootModule() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClientCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConductorAuthExchangeFilter.class));
	}

	@Test
	void userDefinedAdaptersWin() {
		this.runner
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
		this.runner.withConfiguration(httpClients()).run((context) -> {
			ClientHttpRequestFactoryBuilder<?> requestFactories = context
				.getBean(ClientHttpRequestFactoryBuilder.class);
			ClientHttpConnectorBuilder<?> connectors = context.getBean(ClientHttpConnectorBuilder.class);
			assertThat(requestFactories.build(ClientHttpRequestFactorySettings.defaults()))
				.isInstanceOf(ConductorScopedRequestFactory.class);
			assertThat(
					requestFactories.build(ClientHttpRequestFactorySettings.defaults().withRedirects(Redirects.FOLLOW)))
				.isInstanceOf(ConductorScopedRequestFactory.class);
			assertThat(connectors.build(ClientHttpConnectorSettings.defaults()))
				.isInstanceOf(ConductorScopedClientHttpConnector.class);
			assertThat(connectors.build(ClientHttpConnectorSettings.defaults().withRedirects(HttpRedirects.FOLLOW)))
				.isInstanceOf(ConductorScopedClientHttpConnector.class);
			assertThat(context.getBean(ClientHttpConnector.class))
				.isInstanceOf(ConductorScopedClientHttpConnector.class);
		});
	}

	@Test
	void aClientBuiltNotToFollowRedirectsIsLeftAsItIs() {
		this.runner.withConfiguration(httpClients()).run((context) -> {
			assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class)
				.build(ClientHttpRequestFactorySettings.defaults().withRedirects(Redirects.DONT_FOLLOW)))
				.isInstanceOf(JdkClientHttpRequestFactory.class);
			assertThat(context.getBean(ClientHttpConnectorBuilder.class)
				.build(ClientHttpConnectorSettings.defaults().withRedirects(HttpRedirects.DONT_FOLLOW)))
				.isInstanceOf(ReactorClientHttpConnector.class);
		});
	}

	@Test
	void bootThreesRedirectSettingsAreHonoured() {
		this.runner.withConfiguration(httpClients())
			.withPropertyValues("spring.http.client.redirects=dont-follow",
					"spring.http.reactiveclient.redirects=dont-follow")
			.run((context) -> {
				assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class)
					.build(context.getBean(ClientHttpRequestFactorySettings.class)))
					.isInstanceOf(JdkClientHttpRequestFactory.class);
				assertThat(context.getBean(ClientHttpConnector.class)).isInstanceOf(ReactorClientHttpConnector.class);
			});
	}

	@Test
	void theHttpClientsAreLeftAsTheyAreWhenDisabled() {
		this.runner.withConfiguration(httpClients())
			.withPropertyValues("conductor.auth.enabled=false")
			.run((context) -> {
				assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class).build())
					.isInstanceOf(JdkClientHttpRequestFactory.class);
				assertThat(context.getBean(ClientHttpConnector.class)).isInstanceOf(ReactorClientHttpConnector.class);
			});
	}

	@Test
	void noAdapterWhenDisabled() {
		this.runner.withPropertyValues("conductor.auth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConductorAuthInterceptor.class)
				.doesNotHaveBean(ConductorAuthExchangeFilter.class)
				.doesNotHaveBean(RestClientCustomizer.class));
	}

	private static AutoConfigurations httpClients() {
		return AutoConfigurations.of(HttpClientAutoConfiguration.class, ClientHttpConnectorAutoConfiguration.class);
	}

	private static ConductorRequestAuthenticator authenticator() {
		return ConductorRequestAuthenticator
			.builder(dev.conductor.auth.token.ConductorTokenManager
				.builder(java.net.URI.create("https://conductor.example/api/token"), "id", "secret")
				.build(), java.net.URI.create("https://conductor.example/api"))
			.build();
	}

}
