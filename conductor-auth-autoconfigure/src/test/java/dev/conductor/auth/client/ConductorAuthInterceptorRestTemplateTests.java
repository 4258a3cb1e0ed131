package dev.conductor.auth.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

/**
 * The adapter scenarios for clients built from Boot's {@code RestTemplateBuilder}, over
 * the JDK HTTP client.
 */
class ConductorAuthInterceptorRestTemplateTests extends ClientAdapterScenarios {

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

	private static RestTemplate client(ApplicationContext context) {
		return context.getBean(RestTemplateBuilder.class).errorHandler(new KeepErrors()).build();
	}

	private static Response response(ResponseEntity<String> entity) {
		return new Response(entity.getStatusCode().value(), (entity.getBody() != null) ? entity.getBody() : "");
	}

	/**
	 * Lets 4xx and 5xx answers through as responses, so that tests see their bodies.
	 */
	private static final class KeepErrors implements ResponseErrorHandler {

		@Override
		public boolean hasError(ClientHttpResponse response) {
			return false;
		}

	}

}
