package dev.conductor.auth.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import dev.conductor.auth.test.CapturingAppender;
import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The adapter scenarios for clients built from Boot's {@code WebClient.Builder} on
 * Reactor Netty, and the filter's own ones, with BlockHound installed for the whole suite
 * ({@code BlockHoundInstaller}): a blocking call on a Netty event loop or a Reactor
 * scheduler thread fails the test. One subclass per Boot line supplies Boot's
 * auto-configurations and {@code WebClientCustomizer}.
 */
abstract class WebClientAdapterScenarios extends ClientAdapterScenarios {

	@Override
	ApplicationContextRunner clientRunner() {
		// no quiet period for Reactor Netty's event loops when each test's context closes
		// the tests read whole bodies, up to 10 MB
		return super.clientRunner().withPropertyValues("spring.reactor.netty.shutdown-quiet-period=0s",
				"spring.http.codecs.max-in-memory-size=16MB");
	}

	/**
	 * The filter drains a rejected response to release its connection.
	 */
	@Override
	boolean closesARejectionUnread() {
		return false;
	}

	@Override
	Response getFrom(ApplicationContext context, String url) {
		return onEventLoop(client(context).get().uri(url).exchangeToMono(WebClientAdapterScenarios::read));
	}

	@Override
	Response postJson(ApplicationContext context, String url, String json) {
		// a one-shot publisher: the filter replays the bytes it recorded, not the
		// publisher
		Flux<String> oneShot = Flux.just(json).publish().autoConnect(1);
		return onEventLoop(client(context).post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.body(oneShot, String.class)
			.exchangeToMono(WebClientAdapterScenarios::read));
	}

	/**
	 * A value: Reactor Netty writes it again when it follows a 307 itself, which it could
	 * not do with the one-shot publisher of {@link #postJson}.
	 */
	@Override
	Response postRepeatableJson(ApplicationContext context, String url, String json) {
		return onEventLoop(client(context).post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchangeToMono(WebClientAdapterScenarios::read));
	}

	@Override
	List<Response> getConcurrently(ApplicationContext context, String url, int count) {
		WebClient client = client(context);
		return Flux.range(0, count)
			.flatMap((i) -> client.get().uri(url).exchangeToMono(WebClientAdapterScenarios::read), count)
			.subscribeOn(Schedulers.parallel())
			.collectList()
			.block(Duration.ofSeconds(30));
	}

	@Test
	void aValueBodyIsReplayedToo() {
		run((context) -> {
			String json = "{\"taskId\":\"t-2\"}";
			stubPostSequence();
			Response response = onEventLoop(client(context).post()
				.uri(conductor.baseUrl() + "/tasks")
				.bodyValue(java.util.Map.of("taskId", "t-2"))
				.exchangeToMono(WebClientAdapterScenarios::read));
			assertThat(response).isEqualTo(new Response(200, "t-1"));
			conductor.wiremock()
				.verify(2,
						com.github.tomakehurst.wiremock.client.WireMock
							.postRequestedFor(
									com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/tasks"))
							.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(json)));
		});
	}

	@Test
	void aBodyTooLargeToReplayReturnsTheFirstAnswer() {
		run((context) -> {
			stubPostSequence();
			String large = "{\"data\":\"" + "x".repeat(ReplayableRequestBody.MAX_RECORDED_BYTES) + "\"}";
			Response response = onEventLoop(client(context).post()
				.uri(conductor.baseUrl() + "/tasks")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(large)
				.exchangeToMono(WebClientAdapterScenarios::read));
			assertThat(response).isEqualTo(new Response(401, EXPIRED));
			assertThat(this.events.rejected()).hasSize(1);
		});
	}

	@Test
	void aCancelledRequestLogsNothingAtWarnOrAbove() {
		run((context) -> {
			stubApi(ok("too late").withFixedDelay(2_000));
			List<String> before = CapturingAppender.warnings();
			Mono<String> slow = client(context).get()
				.uri(conductor.baseUrl() + "/workflow/wf-1")
				.retrieve()
				.bodyToMono(String.class)
				.subscribeOn(Schedulers.parallel());
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> slow.timeout(Duration.ofMillis(300)).block(Duration.ofSeconds(10)))
				.withCauseInstanceOf(TimeoutException.class);
			Disposable abandoned = slow.subscribe();
			// the filter after ours sees the request: it has its token and is on its way
			await().atMost(Duration.ofSeconds(10)).until(() -> this.seenByLaterInterceptor.get() == 2);
			abandoned.dispose();
			assertThat(CapturingAppender.warnings()).isEqualTo(before);
			// the server answered both (to closed connections) before the context closes
			await().atMost(Duration.ofSeconds(10)).until(() -> apiRequests().size() == 2);
		});
	}

	@Test
	void aRequestSubscribedToAgainGoesWithTheTokenValidThen() {
		run((context) -> {
			stubApi(ok("{\"name\":\"wf-1\"}"));
			ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
			String first = conductor.lastIssued();
			// a filter before ours that sends what it got twice, as one that retries
			// does, and the token is replaced in between
			WebClient client = context.getBean(WebClient.Builder.class)
				.filters((filters) -> filters.add(0, (request, next) -> {
					Mono<ClientResponse> exchange = next.exchange(request);
					return exchange.flatMap(ClientResponse::releaseBody)
						.then(Mono.fromCompletionStage(() -> manager.replaceRejectedTokenAsync(first)))
						.then(exchange);
				}))
				.build();
			assertThat(onEventLoop(client.get()
				.uri(conductor.baseUrl() + "/workflow/wf-1")
				.exchangeToMono(WebClientAdapterScenarios::read))).isEqualTo(new Response(200, "{\"name\":\"wf-1\"}"));
			assertThat(conductor.lastIssued()).isNotEqualTo(first);
			assertThat(apiRequests()).extracting((request) -> request.getHeader("X-Authorization"))
				.containsExactly(first, conductor.lastIssued());
		});
	}

	@Test
	void blockHoundCatchesABlockingCallOnAReactorThread() {
		Mono<String> blocking = Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		}).subscribeOn(Schedulers.parallel());
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> blocking.block(Duration.ofSeconds(5)))
			.withMessageContaining("Blocking call");
	}

	private void stubPostSequence() {
		conductor.wiremock()
			.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/tasks")
				.inScenario("post")
				.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
				.willReturn(json(401, EXPIRED))
				.willSetStateTo("replayed"));
		conductor.wiremock()
			.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/tasks")
				.inScenario("post")
				.whenScenarioStateIs("replayed")
				.willReturn(ok("t-1")));
	}

	private static WebClient client(ApplicationContext context) {
		return context.getBean(WebClient.Builder.class).build();
	}

	/**
	 * Subscribe on a Reactor thread, where BlockHound forbids blocking, and wait for the
	 * answer on the test thread.
	 */
	static <T> T onEventLoop(Mono<T> mono) {
		return mono.subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(30));
	}

	private static Mono<Response> read(ClientResponse response) {
		return response.bodyToMono(String.class)
			.defaultIfEmpty("")
			.map((body) -> new Response(response.statusCode().value(), body));
	}

}
