package dev.conductor.auth.token;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The manager as a bean of an application context, on its own threads: closing the
 * context stops them, even while a token request hangs.
 */
class ConductorTokenManagerShutdownTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	@Test
	void closingTheContextLeavesNoThreadOfTheLifecycleAlive() {
		server.issuesTokens();
		Set<Thread> before = lifecycleThreads();
		AnnotationConfigApplicationContext context = context(Duration.ofSeconds(10));
		ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
		manager.start();
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
		assertThat(lifecycleThreads()).hasSizeGreaterThan(before.size());
		context.close();
		// an executor reports itself terminated a moment before its threads have ended
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lifecycleThreads()).isSubsetOf(before));
		// a valid token stays readable for what runs late in the shutdown; no new one is
		// minted
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
		assertThatExceptionOfType(TokenUnavailableException.class)
			.isThrownBy(() -> manager.replaceRejectedToken(server.lastIssued()))
			.withMessageContaining("closed");
		assertThat(server.mintCount()).isEqualTo(1);
	}

	@Test
	void closingWhileATokenRequestHangsReleasesWaitersAndStopsPromptly() {
		server.wiremock()
			.stubFor(TokenServer.tokenRequest().willReturn(TokenServer.issuedToken().withFixedDelay(60_000)));
		Set<Thread> before = lifecycleThreads();
		AnnotationConfigApplicationContext context = context(Duration.ofMinutes(1));
		ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
		manager.start();
		CompletableFuture<String> waiting = manager.getTokenAsync().toCompletableFuture();
		CompletableFuture<String> blocked = CompletableFuture.supplyAsync(manager::getToken);
		await().atMost(Duration.ofSeconds(10)).until(() -> server.issued().size() == 1);
		context.close();
		// an executor reports itself terminated a moment before its threads have ended
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lifecycleThreads()).isSubsetOf(before));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(waiting::join)
			.withCauseInstanceOf(TokenUnavailableException.class)
			.withMessageContaining("closed");
		assertThatExceptionOfType(CompletionException.class).isThrownBy(blocked::join)
			.withCauseInstanceOf(TokenUnavailableException.class)
			.withMessageContaining("closed");
	}

	@Test
	void aSchedulerThatRefusesWorkFailsTheWaitInsteadOfHangingIt() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		scheduler.shutdown();
		try (ConductorTokenManager manager = ConductorTokenManager
			.builder(server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
			.scheduler(scheduler)
			.acquireTimeout(Duration.ofMinutes(1))
			.build()) {
			assertThatExceptionOfType(TokenUnavailableException.class).isThrownBy(manager::getToken)
				.withMessageContaining("could not schedule an attempt");
			// nothing is left in flight: the next caller tries again and fails the same
			// way
			assertThatExceptionOfType(TokenUnavailableException.class).isThrownBy(manager::getToken)
				.withMessageContaining("could not schedule an attempt");
			assertThat(server.mintCount()).isZero();
		}
	}

	@Test
	void closingAManagerBuiltFromAKeyClosesTheOrkesSourceItMade() {
		server.issuesTokens();
		Set<Thread> before = lifecycleThreads();
		MutableClock clock = new MutableClock();
		try (ManualTaskScheduler scheduler = new ManualTaskScheduler(clock)) {
			ConductorTokenManager manager = ConductorTokenManager
				.builder(server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
				.clock(clock)
				.scheduler(scheduler)
				.build();
			assertThat(manager.getToken()).isEqualTo(server.lastIssued());
			// the scheduler is the test's: the threads of the lifecycle are the source's
			assertThat(lifecycleThreads()).hasSizeGreaterThan(before.size());
			manager.close();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(lifecycleThreads()).isSubsetOf(before));
		}
	}

	@Test
	void closingAManagerLeavesAnOrkesSourceItWasHandedOpen() {
		server.issuesTokens();
		try (OrkesTokenSource source = new OrkesTokenSource(server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET,
				Duration.ofSeconds(5), Duration.ofSeconds(5))) {
			ConductorTokenManager manager = ConductorTokenManager.builder(source).build();
			assertThat(manager.getToken()).isEqualTo(server.lastIssued());
			manager.close();
			ConductorToken token = source.obtainToken();
			assertThat(token).isNotNull();
			assertThat(token.value()).isEqualTo(server.lastIssued());
			assertThat(server.mintCount()).isEqualTo(2);
		}
	}

	private AnnotationConfigApplicationContext context(Duration readTimeout) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(ConductorTokenManager.class,
				() -> ConductorTokenManager.builder(server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
					.timeouts(Duration.ofSeconds(5), readTimeout)
					.acquireTimeout(Duration.ofMinutes(1))
					.eventPublisher(context)
					.build());
		context.refresh();
		return context;
	}

	/**
	 * The live threads that a token manager names, whichever manager of the suite made
	 * them: a test compares the set before and after its own manager.
	 */
	private static Set<Thread> lifecycleThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> thread.getName().startsWith("conductor-auth-"))
			.collect(Collectors.toSet());
	}

}
