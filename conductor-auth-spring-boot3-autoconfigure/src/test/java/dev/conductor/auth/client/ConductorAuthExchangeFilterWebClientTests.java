package dev.conductor.auth.client;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration;
import org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * The WebClient adapter scenarios on Spring Boot 3, whose {@code WebClientCustomizer}
 * lives in {@code org.springframework.boot.web.reactive.function.client}.
 */
class ConductorAuthExchangeFilterWebClientTests extends WebClientAdapterScenarios {

	@Override
	AutoConfigurations clientAutoConfigurations() {
		return AutoConfigurations.of(ClientHttpConnectorAutoConfiguration.class, CodecsAutoConfiguration.class,
				WebClientAutoConfiguration.class);
	}

	@Override
	ApplicationContextRunner withLaterInterceptor(ApplicationContextRunner runner) {
		return runner.withBean("laterFilter", WebClientCustomizer.class,
				() -> (builder) -> builder.filter((request, next) -> {
					this.seenByLaterInterceptor.incrementAndGet();
					return next.exchange(ClientRequest.from(request).header("X-Later", "seen").build());
				}));
	}

}
