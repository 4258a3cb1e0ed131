package dev.conductor.auth.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two applications in one JVM, each with its own Conductor server and key: neither ever
 * sends its token to the other's server, and each server only ever sees its own tokens.
 */
class TwoApplicationsInOneJvmTests {

	@RegisterExtension
	static final TokenServer first = new TokenServer();

	@RegisterExtension
	static final TokenServer second = new TokenServer();

	@Test
	void neverSeeEachOthersToken() {
		first.issuesTokens();
		second.issuesTokens();
		first.wiremock().stubFor(get(urlPathMatching("/api/.*")).willReturn(ok("first")));
		second.wiremock().stubFor(get(urlPathMatching("/api/.*")).willReturn(ok("second")));
		runner(first, "first-key").run((one) -> runner(second, "second-key").run((two) -> {
			for (int i = 0; i < 5; i++) {
				for (ApplicationContext context : List.of(one, two)) {
					// each application calls both servers, with both client types
					for (TokenServer server : List.of(first, second)) {
						call(context, server.baseUrl() + "/metadata/workflow");
					}
				}
			}
		}));
		assertOnlyItsOwnTokens(first, second);
		assertOnlyItsOwnTokens(second, first);
		assertThat(first.tokenRequests()).allMatch((request) -> request.getBodyAsString().contains("first-key"));
		assertThat(second.tokenRequests()).allMatch((request) -> request.getBodyAsString().contains("second-key"));
	}

	private static void assertOnlyItsOwnTokens(TokenServer server, TokenServer other) {
		Set<String> sent = server.wiremock()
			.findAll(anyRequestedFor(anyUrl()))
			.stream()
			.filter((request) -> request.containsHeader("X-Authorization"))
			.map((request) -> request.getHeader("X-Authorization"))
			.collect(Collectors.toSet());
		assertThat(sent).isNotEmpty().isSubsetOf(server.issued()).doesNotContainAnyElementsOf(other.issued());
		List<LoggedRequest> apiCalls = server.wiremock().findAll(anyRequestedFor(urlPathMatching("/api/metadata/.*")));
		// 2 applications x 2 client types x 5 rounds; only its own application's carry a
		// token
		assertThat(apiCalls).hasSize(20).filteredOn((request) -> request.containsHeader("X-Authorization")).hasSize(10);
	}

	private static void call(ApplicationContext context, String url) {
		assertThat(context.getBean(RestClient.Builder.class).build().get().uri(url).retrieve().body(String.class))
			.isNotBlank();
		assertThat(context.getBean(WebClient.Builder.class)
			.build()
			.get()
			.uri(url)
			.retrieve()
			.bodyToMono(String.class)
			.onErrorResume((ex) -> Mono.empty())
			.block()).isNotBlank();
	}

	private static ApplicationContextRunner runner(TokenServer server, String keyId) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
					ConductorAuthClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
					RestClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					CodecsAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=" + server.baseUrl(), "conductor.auth.key-id=" + keyId,
					"conductor.auth.key-secret=" + TestTokens.KEY_SECRET, "spring.http.clients.imperative.factory=jdk",
					"spring.reactor.netty.shutdown-quiet-period=0s")
			// two applications alive at once need their own event loops: with Reactor
			// Netty's
			// global ones, the first to close would close them under the other
			.withBean(ReactorResourceFactory.class, () -> {
				ReactorResourceFactory resources = new ReactorResourceFactory();
				resources.setUseGlobalResources(false);
				return resources;
			});
	}

}
