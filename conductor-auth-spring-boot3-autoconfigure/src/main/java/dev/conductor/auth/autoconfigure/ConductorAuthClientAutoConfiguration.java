package dev.conductor.auth.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import dev.conductor.auth.client.ConductorAuthExchangeFilter;
import dev.conductor.auth.client.ConductorAuthInterceptor;
import dev.conductor.auth.client.ConductorRequestAuthenticator;

/**
 * Auto-configuration that puts the Conductor token on every client built from Boot's
 * {@code RestClient.Builder}, {@code RestTemplateBuilder} and {@code WebClient.Builder}
 * (Spring Boot 3, whose customizers live in {@code org.springframework.boot.web}). The
 * adapter goes first among the client's interceptors or filters, so that a replay passes
 * through all the others, as far as Spring Framework 6.2 allows: its interceptor chain
 * runs once, so a {@code RestClient} or {@code RestTemplate} replay skips the
 * interceptors after ours (a {@code WebClient}'s filters all run again).
 */
@AutoConfiguration(after = ConductorAuthAutoConfiguration.class,
		beforeName = { "org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration",
				"org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration",
				"org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "conductor.auth.enabled", matchIfMissing = true)
@ConditionalOnBean(ConductorRequestAuthenticator.class)
public final class ConductorAuthClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConductorAuthInterceptor conductorAuthInterceptor(ConductorRequestAuthenticator authenticator) {
		return new ConductorAuthInterceptor(authenticator);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
	static class RestClientConfiguration {

		@Bean
		RestClientCustomizer conductorAuthRestClientCustomizer(ConductorAuthInterceptor interceptor) {
			return (builder) -> builder.requestInterceptors((interceptors) -> interceptors.add(0, interceptor));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class })
	static class RestTemplateConfiguration {

		@Bean
		RestTemplateCustomizer conductorAuthRestTemplateCustomizer(ConductorAuthInterceptor interceptor) {
			return (restTemplate) -> restTemplate.getInterceptors().add(0, interceptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConductorAuthExchangeFilter conductorAuthExchangeFilter(ConductorRequestAuthenticator authenticator) {
			return new ConductorAuthExchangeFilter(authenticator);
		}

		@Bean
		WebClientCustomizer conductorAuthWebClientCustomizer(ConductorAuthExchangeFilter filter) {
			return (builder) -> builder.filters((filters) -> filters.add(0, filter));
		}

	}

}
