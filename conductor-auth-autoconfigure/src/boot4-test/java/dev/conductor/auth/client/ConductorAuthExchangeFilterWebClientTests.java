package dev.conductor.auth.client;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebClient adapter scenarios on Spring Boot 4, and for an
 * {@code @ImportHttpServices} client backed by a {@code WebClient}.
 */
class ConductorAuthExchangeFilterWebClientTests extends WebClientAdapterScenarios {

	@Override
	AutoConfigurations clientAutoConfigurations() {
		return AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				HttpServiceClientPropertiesAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class);
	}

	@Override
	ApplicationContextRunner withLaterInterceptor(ApplicationContextRunner runner) {
		return runner.withBean("laterFilter", WebClientCustomizer.class,
				() -> (builder) -> builder.filter((request, next) -> {
					this.seenByLaterInterceptor.incrementAndGet();
					return next.exchange(ClientRequest.from(request).header("X-Later", "seen").build());
				}));
	}

	@Test
	void anHttpServiceClientCarriesTheTokenAndReplays() {
		runner().withUserConfiguration(HttpServices.class)
			.withPropertyValues("spring.http.serviceclient.default.base-url=" + conductor.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String first = context.getBean(ConductorTokenManager.class).getToken();
				// accepted once, as by any earlier request: its rejection is replayed at
				// once
				context.getBean(dev.conductor.auth.token.ConductorTokenManager.class).tokenAccepted(first);
				stubApiSequence(json(401, EXPIRED), ok("wf-1"));
				assertThat(onEventLoop(context.getBean(WorkflowApi.class).workflow("wf-1"))).isEqualTo("wf-1");
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
				String token = context.getBean(ConductorTokenManager.class).getToken();
				stubApi(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
					.withStatus(302)
					.withHeader("Location", other.baseUrl() + "/elsewhere"));
				other
					.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/elsewhere").willReturn(ok("moved")));
				assertThat(onEventLoop(context.getBean(WorkflowApi.class).workflow("wf-1"))).isEqualTo("moved");
				assertThat(apiRequests()).singleElement()
					.satisfies((request) -> assertThat(request.getHeader("X-Authorization")).isEqualTo(token));
				assertThat(other.getAllServeEvents()).singleElement()
					.satisfies((event) -> assertThat(event.getRequest().containsHeader("X-Authorization")).isFalse());
			});
	}

	@HttpExchange("/workflow")
	interface WorkflowApi {

		@GetExchange("/{id}")
		Mono<String> workflow(@PathVariable String id);

	}

	@ImportHttpServices(types = WorkflowApi.class,
			clientType = org.springframework.web.service.registry.HttpServiceGroup.ClientType.WEB_CLIENT)
	static class HttpServices {

	}

}
