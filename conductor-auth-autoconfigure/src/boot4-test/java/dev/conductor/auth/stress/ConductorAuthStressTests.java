package dev.conductor.auth.stress;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
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
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.conductor.auth.autoconfigure.ConductorAuthAutoConfiguration;
import dev.conductor.auth.autoconfigure.ConductorAuthClientAutoConfiguration;
import dev.conductor.auth.test.CapturingAppender;
import dev.conductor.auth.test.LeakScanExtension;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A minute of load: tokens that live 2 s, 16 threads through a RestClient and 16
 * subscribers through a WebClient, and a server that expires the token in use on 1 % of
 * calls. No request may fail for an auth reason, the token endpoint sees at most one call
 * per token's refresh plus one per token the server expired, and threads and heap come
 * back to their level before. Run by the {@code stress} profile
 * ({@code ./mvnw -pl conductor-auth-autoconfigure test -Pstress}), not by the default
 * build.
 */
class ConductorAuthStressTests {

	private static final Duration RUN = Duration.ofSeconds(60);

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(2);

	private static final ExpiringApi api = new ExpiringApi();

	@RegisterExtension
	static final TokenServer conductor = new TokenServer(api);

	@Test
	void aMinuteOfShortTokensAndRandomExpiryLosesNoRequest() throws Exception {
		conductor.lifetime(TOKEN_LIFETIME).issuesTokens();
		conductor.wiremock()
			.stubFor(get(urlPathEqualTo("/api/work")).willReturn(aResponse().withTransformers(ExpiringApi.NAME)));
		RecordingEvents events = new RecordingEvents();
		CapturingAppender.drain();
		long threadsBefore = liveThreads();
		long heapBefore = usedHeapAfterGc();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		AtomicInteger completed = new AtomicInteger();
		runner().withBean(RecordingEvents.class, () -> events).run((context) -> {
			String url = conductor.baseUrl() + "/work";
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			long deadline = System.nanoTime() + RUN.toNanos();
			ExecutorService threads = Executors.newFixedThreadPool(16);
			for (int i = 0; i < 16; i++) {
				threads.submit(() -> {
					while (System.nanoTime() < deadline) {
						try {
							int status = restClient.get()
								.uri(url)
								.exchange((request, response) -> response.getStatusCode().value());
							record(status, "RestClient", failures, completed);
						}
						catch (RuntimeException ex) {
							failures.add("RestClient: " + ex);
						}
					}
				});
			}
			List<Integer> subscribers = Flux.range(0, 16)
				.flatMap((subscriber) -> Mono
					.defer(() -> webClient.get()
						.uri(url)
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())))
					.doOnNext((status) -> record(status, "WebClient", failures, completed))
					.onErrorResume((ex) -> {
						failures.add("WebClient: " + ex);
						return Mono.empty();
					})
					.repeat(() -> System.nanoTime() < deadline)
					.count()
					.map(Long::intValue), 16)
				.collectList()
				.block(RUN.plusSeconds(60));
			threads.shutdown();
			assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
			assertThat(subscribers).hasSize(16).allMatch((count) -> count > 0);
		});
		// a request whose token expires in transit (under this load a request can take
		// longer than the clock-skew margin to reach the server) is rejected and replayed
		// like any other: no caller may see it
		assertThat(failures)
			.as("requests that failed; %d rejected, %d of them past exp; %d sent without a token", api.rejected.get(),
					api.pastExp.get(), api.withoutToken.get())
			.isEmpty();
		assertThat(completed).hasValueGreaterThan(1000);
		// a token refreshed at half of its life (it lives more than 1 s: exp counts whole
		// seconds) at most every 0.5 s, plus one mint per token the server expired
		int scheduledAtMost = (int) (RUN.toMillis() / 500) + 2;
		assertThat(conductor.mintCount()).isLessThanOrEqualTo(scheduledAtMost + api.expiredTokens());
		// what the test itself holds is not measured: WireMock's journal of every
		// request,
		// and every line logged at DEBUG (scanned here for the secret and the tokens)
		conductor.wiremock().resetRequests();
		assertThat(LeakScanExtension.findLeaks(CapturingAppender.drain(), LeakScanExtension.secrets())).isEmpty();
		assertThat(api.expiredTokens()).as("the server expired tokens in use").isPositive();
		assertThat(events.fatal()).isEmpty();
		assertThat(events.failed()).isEmpty();
		// idle pool threads of the clients end some time after the load (the JDK
		// HttpClient's
		// after 60 s), and some only once their client is collected
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(liveThreads()).as("live threads after the run")
				.isLessThanOrEqualTo(threadsBefore + 4));
		assertThat(usedHeapAfterGc()).as("used heap after the run").isLessThan(heapBefore + 64 * 1024 * 1024);
	}

	private static void record(int status, String client, ConcurrentLinkedQueue<String> failures,
			AtomicInteger completed) {
		if (status == 200) {
			completed.incrementAndGet();
		}
		else {
			failures.add(client + ": " + status);
		}
	}

	private static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
					ConductorAuthClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
					RestClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					CodecsAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=" + conductor.baseUrl(),
					"conductor.auth.key-id=" + TestTokens.KEY_ID, "conductor.auth.key-secret=" + TestTokens.KEY_SECRET,
					"spring.http.clients.imperative.factory=jdk", "spring.reactor.netty.shutdown-quiet-period=0s");
	}

	/**
	 * The live threads but the fake server's (Jetty's pool, {@code qtp…}), which grows
	 * with the load and is not what is measured.
	 */
	private static long liveThreads() {
		System.gc();
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> !thread.getName().startsWith("qtp"))
			.count();
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
