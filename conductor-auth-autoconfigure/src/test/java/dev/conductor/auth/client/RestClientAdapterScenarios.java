package dev.conductor.auth.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter scenarios for clients built from Boot's {@code RestClient.Builder}, over
 * the JDK HTTP client, and redirects left to the caller when Boot is told not to follow
 * them. One subclass per Boot line supplies Boot's auto-configurations, customizer and
 * property names.
 */
abstract class RestClientAdapterScenarios extends ClientAdapterScenarios {

	/**
	 * Spring's JDK {@code HttpClient} response drains its body when closed, so that its
	 * connection can be reused: the time a rejection takes tells nothing of the
	 * interceptor.
	 */
	@Override
	boolean closesARejectionUnread() {
		return false;
	}

	@Override
	Response getFrom(ApplicationContext context, String url) {
		return client(context).get().uri(url).exchange((request, response) -> read(response));
	}

	@Override
	Response postJson(ApplicationContext context, String url, String json) {
		return client(context).post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange((request, response) -> read(response));
	}

	@Override
	List<Response> getConcurrently(ApplicationContext context, String url, int count) throws Exception {
		RestClient client = client(context);
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			List<Future<Response>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures
					.add(threads.submit(() -> client.get().uri(url).exchange((request, response) -> read(response))));
			}
			List<Response> responses = new ArrayList<>();
			for (Future<Response> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void redirectsAreLeftToTheCallerWhenBootIsToldNotToFollowThem() {
		runner().withPropertyValues(dontFollowRedirectsProperty()).run((context) -> {
			context.getBean(dev.conductor.auth.token.ConductorTokenManager.class).getToken();
			stubApi(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
				.withStatus(302)
				.withHeader("Location", other.baseUrl() + "/elsewhere"));
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1").status()).isEqualTo(302);
			assertThat(other.getAllServeEvents()).isEmpty();
		});
	}

	/**
	 * The property that tells Boot's imperative clients not to follow redirects.
	 * @return the property, as {@code name=value}
	 */
	abstract String dontFollowRedirectsProperty();

	private static RestClient client(ApplicationContext context) {
		return context.getBean(RestClient.Builder.class).build();
	}

	private static Response read(org.springframework.http.client.ClientHttpResponse response)
			throws java.io.IOException {
		return new Response(response.getStatusCode().value(),
				StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8));
	}

}
