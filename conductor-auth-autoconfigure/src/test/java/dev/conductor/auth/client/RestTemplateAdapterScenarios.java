package dev.conductor.auth.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter scenarios for clients built from Boot's {@code RestTemplateBuilder}, over
 * the JDK HTTP client, and how a template built to follow redirects or not treats them.
 * One subclass per Boot line supplies Boot's auto-configurations, customizer and builder.
 */
abstract class RestTemplateAdapterScenarios extends ClientAdapterScenarios {

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
		return response(client(context).exchange(url, HttpMethod.GET, null, String.class));
	}

	@Override
	Response postJson(ApplicationContext context, String url, String json) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return response(client(context).exchange(url, HttpMethod.POST, new HttpEntity<>(json, headers), String.class));
	}

	@Override
	List<Response> getConcurrently(ApplicationContext context, String url, int count) throws Exception {
		RestTemplate client = client(context);
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			List<Future<Response>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(threads.submit(() -> response(client.exchange(url, HttpMethod.GET, null, String.class))));
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
	void aRestTemplateBuiltToFollowRedirectsTakesNoTokenToAnotherHost() {
		run((context) -> {
			stubApi(aResponse().withStatus(302).withHeader("Location", other.baseUrl() + "/elsewhere"));
			other.stubFor(get(anyUrl()).willReturn(ok("elsewhere")));
			RestTemplate following = restTemplate(context, HttpRedirects.FOLLOW);
			assertThat(response(
					following.exchange(conductor.baseUrl() + "/workflow/wf-1", HttpMethod.GET, null, String.class)))
				.isEqualTo(new Response(200, "elsewhere"));
			conductor.wiremock()
				.verify(getRequestedFor(urlPathEqualTo(WORKFLOW)).withHeader("X-Authorization",
						equalTo(conductor.lastIssued())));
			other.verify(1, getRequestedFor(urlPathEqualTo("/elsewhere")).withHeader("X-Authorization", absent()));
			assertThat(other.findAll(anyRequestedFor(anyUrl())))
				.noneMatch((request) -> request.containsHeader("X-Authorization"));
		});
	}

	@Test
	void aRestTemplateBuiltNotToFollowRedirectsLeavesThemToTheCaller() {
		run((context) -> {
			stubApi(aResponse().withStatus(301).withHeader("Location", "/api/workflow/wf-2"));
			RestTemplate notFollowing = restTemplate(context, HttpRedirects.DONT_FOLLOW);
			assertThat(notFollowing.exchange(conductor.baseUrl() + "/workflow/wf-1", HttpMethod.GET, null, String.class)
				.getStatusCode()
				.value()).isEqualTo(301);
			conductor.wiremock().verify(0, getRequestedFor(urlPathEqualTo("/api/workflow/wf-2")));
		});
	}

	/**
	 * A {@code RestTemplate} from Boot's {@code RestTemplateBuilder} that lets error
	 * answers through ({@link KeepErrors}).
	 * @param context the application context
	 * @param redirects how the template follows redirects, or {@code null} for Boot's
	 * default
	 * @return the template
	 */
	abstract RestTemplate restTemplate(ApplicationContext context, @Nullable HttpRedirects redirects);

	private RestTemplate client(ApplicationContext context) {
		return restTemplate(context, null);
	}

	private static Response response(ResponseEntity<String> entity) {
		return new Response(entity.getStatusCode().value(), (entity.getBody() != null) ? entity.getBody() : "");
	}

	/**
	 * Lets 4xx and 5xx answers through as responses, so that tests see their bodies.
	 */
	static final class KeepErrors implements ResponseErrorHandler {

		@Override
		public boolean hasError(ClientHttpResponse response) {
			return false;
		}

	}

}
