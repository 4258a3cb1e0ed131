package dev.conductor.auth.client;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestTemplate;

/**
 * The RestTemplate adapter scenarios on Spring Boot 4, whose {@code RestTemplateBuilder}
 * lives in {@code org.springframework.boot.restclient}.
 */
class ConductorAuthInterceptorRestTemplateTests extends RestTemplateAdapterScenarios {

	@Override
	AutoConfigurations clientAutoConfigurations() {
		return AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, RestTemplateAutoConfiguration.class);
	}

	@Override
	ApplicationContextRunner withLaterInterceptor(ApplicationContextRunner runner) {
		return runner.withBean("laterInterceptor", RestTemplateCustomizer.class,
				() -> (restTemplate) -> restTemplate.getInterceptors().add((request, body, execution) -> {
					this.seenByLaterInterceptor.incrementAndGet();
					request.getHeaders().set("X-Later", "seen");
					return execution.execute(request, body);
				}));
	}

	@Override
	RestTemplate restTemplate(ApplicationContext context, @Nullable HttpRedirects redirects) {
		RestTemplateBuilder builder = context.getBean(RestTemplateBuilder.class).errorHandler(new KeepErrors());
		return ((redirects != null) ? builder.redirects(redirects) : builder).build();
	}

}
