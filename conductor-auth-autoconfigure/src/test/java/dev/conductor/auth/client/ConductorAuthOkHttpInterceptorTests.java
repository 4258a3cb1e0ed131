package dev.conductor.auth.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.conductor.auth.autoconfigure.ConductorAuthJavaClientAutoConfiguration;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter scenarios for the OkHttp interceptor of the official Conductor Java client,
 * on a plain {@code OkHttpClient} so that every status and body the caller gets can be
 * compared: the interceptor bean first, then one that counts what it sees.
 */
class ConductorAuthOkHttpInterceptorTests extends ClientAdapterScenarios {

	private final Interceptor later = (chain) -> {
		this.seenByLaterInterceptor.incrementAndGet();
		return chain.proceed(chain.request().newBuilder().header("X-Later", "seen").build());
	};

	@Override
	AutoConfigurations clientAutoConfigurations() {
		return AutoConfigurations.of(ConductorAuthJavaClientAutoConfiguration.class);
	}

	@Override
	ApplicationContextRunner withLaterInterceptor(ApplicationContextRunner runner) {
		// OkHttp has no customizer: client() adds the later interceptor itself
		return runner;
	}

	@Override
	Response getFrom(ApplicationContext context, String url) throws IOException {
		return execute(client(context), new Request.Builder().url(url).build());
	}

	@Override
	Response postJson(ApplicationContext context, String url, String json) throws IOException {
		RequestBody body = RequestBody.create(json.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json"));
		return execute(client(context), new Request.Builder().url(url).post(body).build());
	}

	@Override
	List<Response> getConcurrently(ApplicationContext context, String url, int count) throws Exception {
		OkHttpClient client = client(context);
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			List<Future<Response>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(threads.submit(() -> execute(client, new Request.Builder().url(url).build())));
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
	void theTokenEndpointPassesThroughUntouched() {
		run((context) -> {
			conductor.wiremock()
				.stubFor(TokenServer.tokenRequest()
					.atPriority(1)
					.withHeader("X-Probe", equalTo("okhttp"))
					.willReturn(json(401, EXPIRED)));
			RequestBody body = RequestBody.create("{}".getBytes(StandardCharsets.UTF_8),
					MediaType.get("application/json"));
			Request request = new Request.Builder().url(conductor.tokenUri().toString())
				.header("X-Probe", "okhttp")
				.post(body)
				.build();
			assertThat(execute(client(context), request)).isEqualTo(new Response(401, EXPIRED));
			conductor.wiremock()
				.verify(1, postRequestedFor(urlPathEqualTo(TokenServer.TOKEN_PATH)).withHeader("X-Probe",
						equalTo("okhttp")));
			conductor.wiremock()
				.verify(0, postRequestedFor(urlPathEqualTo(TokenServer.TOKEN_PATH)).withHeader("X-Authorization",
						matching(".+")));
			assertThat(this.events.rejected()).isEmpty();
		});
	}

	/**
	 * OkHttp follows a redirect below its application interceptors and keeps every header
	 * on it: a client with the token must not follow redirects, as the starter's
	 * {@code ConductorClient} does not.
	 */
	@Override
	boolean followsRedirects() {
		return false;
	}

	/**
	 * A client with the interceptor bean, when there is one, and the one that counts.
	 */
	private OkHttpClient client(ApplicationContext context) {
		OkHttpClient.Builder builder = new OkHttpClient.Builder();
		context.getBeanProvider(ConductorAuthOkHttpInterceptor.class).ifAvailable(builder::addInterceptor);
		return builder.addInterceptor(this.later).followRedirects(false).followSslRedirects(false).build();
	}

	private static Response execute(OkHttpClient client, Request request) throws IOException {
		try (okhttp3.Response response = client.newCall(request).execute()) {
			return new Response(response.code(), response.body().string());
		}
	}

}
