package dev.conductor.auth.client;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RestClient adapter scenarios on Spring Boot 4, and for an
 * {@code @ImportHttpServices} client, over the JDK HTTP client.
 */
class ConductorAuthInterceptorRestClientTests extends RestClientAdapterScenarios {

	@Override
	AutoConfigurations clientAutoConfigurations() {
		return AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class,
				HttpServiceClientPropertiesAutoConfiguration.class, HttpServiceClientAutoConfiguration.class);
	}

	@Override
	ApplicationContextRunner withLaterInterceptor(ApplicationContextRunner runner) {
		return runner.withBean("laterInterceptor", RestClientCustomizer.class,
				() -> (builder) -> builder.requestInterceptor((request, body, execution) -> {
					this.seenByLaterInterceptor.incrementAndGet();
					request.getHeaders().set("X-Later", "seen");
					return execution.execute(request, body);
				}));
	}

	@Test
	void anHttpServiceClientCarriesTheTokenAndReplays() {
		runner().withUserConfiguration(HttpServices.class)
			.withPropertyValues("spring.http.serviceclient.default.base-url=" + conductor.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String first = context.getBean(dev.conductor.auth.token.ConductorTokenManager.class).getToken();
				// accepted once, as by any earlier request: its rejection is replayed at
				// once
				context.getBean(dev.conductor.auth.token.ConductorTokenManager.class).tokenAccepted(first);
				stubApiSequence(json(401, EXPIRED), ok("wf-1"));
				assertThat(context.getBean(WorkflowApi.class).workflow("wf-1")).isEqualTo("wf-1");
				assertThat(apiRequests()).extracting((request) -> request.getHeader("X-Authorization"))
					.containsExactly(first, conductor.lastIssued());
			});
	}

	@Test
	void anHttpServiceGroupThatFollowsRedirectsTakesNoTokenToAnotherHost() {
		runner().withUserConfiguration(HttpServices.class)
			.withPropertyValues("spring.http.serviceclient.default.base-url=" + conductor.baseUrl(),
					"spring.http.serviceclient.default.redirects=follow")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String token = context.getBean(dev.conductor.auth.token.ConductorTokenManager.class).getToken();
				stubApi(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
					.withStatus(302)
					.withHeader("Location", other.baseUrl() + "/elsewhere"));
				other
					.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/elsewhere").willReturn(ok("moved")));
				assertThat(context.getBean(WorkflowApi.class).workflow("wf-1")).isEqualTo("moved");
				assertThat(apiRequests()).singleElement()
					.satisfies((request) -> assertThat(request.getHeader("X-Authorization")).isEqualTo(token));
				assertThat(other.getAllServeEvents()).singleElement()
					.satisfies((event) -> assertThat(event.getRequest().containsHeader("X-Authorization")).isFalse());
			});
	}

	@Test
	void anHttpServiceGroupThatDoesNotFollowRedirectsLeavesThemToTheCaller() {
		runner().withUserConfiguration(HttpServices.class)
			.withPropertyValues("spring.http.serviceclient.default.base-url=" + conductor.baseUrl(),
					"spring.http.serviceclient.default.redirects=dont-follow")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				stubApi(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
					.withStatus(301)
					.withHeader("Location", "/api/workflow/wf-2")
					.withBody("moved"));
				conductor.wiremock()
					.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/api/workflow/wf-2")
						.willReturn(ok("wf-2")));
				// RestClient raises no error for a 3xx: the caller gets its body
				assertThat(context.getBean(WorkflowApi.class).workflow("wf-1")).isEqualTo("moved");
				assertThat(conductor.wiremock()
					.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
							com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/workflow/wf-2"))))
					.isEmpty();
			});
	}

	@HttpExchange("/workflow")
	interface WorkflowApi {

		@GetExchange("/{id}")
		String workflow(@PathVariable String id);

	}

	@ImportHttpServices(WorkflowApi.class)
	static class HttpServices {

	}

	@Override
	String dontFollowRedirectsProperty() {
		return "spring.http.clients.redirects=dont-follow";
	}

}
