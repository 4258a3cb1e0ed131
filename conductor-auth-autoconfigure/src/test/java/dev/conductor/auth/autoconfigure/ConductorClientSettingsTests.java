package dev.conductor.auth.autoconfigure;

import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import javax.net.ssl.SSLException;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The settings that the official Spring modules give their client, applied to
 * conductor-auth's client bean as the modules apply them, over HTTP:
 * {@code conductor.client.timeout.connect}, {@code .read} and {@code .write}
 * (milliseconds), and {@code conductor.client.verifying-ssl}, against an HTTPS server
 * whose certificate no authority signed. The token comes from a plain HTTP token
 * endpoint.
 */
class ConductorClientSettingsTests {

	private static final String POLL = "/api/tasks/poll/hello";

	private static final String TASK = "{\"taskId\":\"t-1\",\"taskType\":\"hello\"}";

	@RegisterExtension
	static final TokenServer conductor = new TokenServer();

	private static final WireMockServer https = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort());

	@BeforeAll
	static void startHttps() {
		https.start();
	}

	@AfterAll
	static void stopHttps() {
		https.stop();
	}

	@BeforeEach
	void stub() {
		conductor.issuesTokens();
		https.resetAll();
	}

	private ApplicationContextRunner runner(String baseUrl) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
					ConductorAuthJavaClientAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=" + baseUrl, "conductor.auth.key-id=" + TestTokens.KEY_ID,
					"conductor.auth.key-secret=" + TestTokens.KEY_SECRET)
			.withBean(ConductorTokenManager.class,
					() -> ConductorTokenManager.builder(conductor.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
						.build());
	}

	@Test
	void theReadTimeoutEndsASlowPoll() {
		conductor.wiremock().stubFor(get(urlPathEqualTo(POLL)).willReturn(okJson(TASK).withFixedDelay(3000)));
		runner(conductor.baseUrl()).withPropertyValues("conductor.client.timeout.read=300").run((context) -> {
			assertThatExceptionOfType(ConductorClientException.class).isThrownBy(() -> poll(context))
				.satisfies((ex) -> assertThat(causes(ex)).anyMatch(SocketTimeoutException.class::isInstance));
			assertThat(polls(conductor.wiremock())).singleElement()
				.satisfies((poll) -> assertThat(poll.getHeader("X-Authorization")).isEqualTo(conductor.lastIssued()));
		});
	}

	@Test
	void withoutTimeoutsASlowPollIsAnswered() {
		conductor.wiremock().stubFor(get(urlPathEqualTo(POLL)).willReturn(okJson(TASK).withFixedDelay(500)));
		runner(conductor.baseUrl()).run((context) -> assertThat(poll(context)).isEqualTo("t-1"));
	}

	@Test
	void theConnectAndWriteTimeoutsAreTheClients() {
		runner(conductor.baseUrl())
			.withPropertyValues("conductor.client.timeout.connect=1234", "conductor.client.timeout.write=2345",
					"conductor.client.timeout.read=3456")
			.run((context) -> {
				OkHttpClient okHttp = (OkHttpClient) ReflectionTestUtils
					.getField(context.getBean(ConductorClient.class), "okHttpClient");
				assertThat(okHttp).isNotNull();
				assertThat(okHttp.connectTimeoutMillis()).isEqualTo(1234);
				assertThat(okHttp.writeTimeoutMillis()).isEqualTo(2345);
				assertThat(okHttp.readTimeoutMillis()).isEqualTo(3456);
				// conductor-auth's interceptor, and no redirects
				assertThat(okHttp.followRedirects()).isFalse();
				assertThat(okHttp.followSslRedirects()).isFalse();
			});
	}

	@Test
	void verifyingSslFalseTrustsAServerThatNoAuthoritySigned() {
		https.stubFor(get(urlPathEqualTo(POLL)).willReturn(okJson(TASK)));
		runner("https://localhost:" + https.httpsPort() + "/api")
			.withPropertyValues("conductor.client.verifying-ssl=false")
			.run((context) -> {
				assertThat(poll(context)).isEqualTo("t-1");
				assertThat(polls(https)).singleElement()
					.satisfies(
							(poll) -> assertThat(poll.getHeader("X-Authorization")).isEqualTo(conductor.lastIssued()));
			});
	}

	@Test
	void byDefaultAServerThatNoAuthoritySignedIsRefused() {
		https.stubFor(get(urlPathEqualTo(POLL)).willReturn(okJson(TASK)));
		runner("https://localhost:" + https.httpsPort() + "/api").run((context) -> {
			assertThatExceptionOfType(ConductorClientException.class).isThrownBy(() -> poll(context))
				.satisfies((ex) -> assertThat(causes(ex)).anyMatch(SSLException.class::isInstance));
			assertThat(polls(https)).isEmpty();
		});
	}

	private static Stream<Throwable> causes(Throwable ex) {
		return Stream.iterate(ex, Objects::nonNull, Throwable::getCause);
	}

	private static String poll(ApplicationContext context) {
		return new TaskClient(context.getBean(ConductorClient.class)).pollTask("hello", "worker-1", null).getTaskId();
	}

	private static List<LoggedRequest> polls(WireMockServer server) {
		return server.findAll(getRequestedFor(urlPathEqualTo(POLL)));
	}

}
