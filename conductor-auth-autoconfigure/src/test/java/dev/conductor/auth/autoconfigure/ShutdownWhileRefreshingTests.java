package dev.conductor.auth.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.TokenUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application while a token request hangs and callers wait for it: the close
 * ends promptly, the callers are released, no thread is left, and nothing mistakes it for
 * lost authentication.
 */
class ShutdownWhileRefreshingTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	@Test
	void closingWhileARefreshHangsEndsPromptlyWithoutTheFatalExit() {
		server.wiremock()
			.stubFor(TokenServer.tokenRequest().willReturn(TokenServer.issuedToken().withFixedDelay(60_000)));
		RecordingEvents events = new RecordingEvents();
		List<Object> handled = new CopyOnWriteArrayList<>();
		Set<Thread> before = lifecycleThreads();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=" + server.baseUrl(),
					"conductor.auth.key-id=" + TestTokens.KEY_ID, "conductor.auth.key-secret=" + TestTokens.KEY_SECRET,
					"conductor.auth.acquire-timeout=1m", "conductor.auth.read-timeout=2m")
			.withBean(RecordingEvents.class, () -> events)
			.withBean(FatalAuthenticationHandler.class, () -> handled::add)
			.run((context) -> {
				ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
				List<CompletableFuture<String>> waiting = List.of(CompletableFuture.supplyAsync(manager::getToken),
						CompletableFuture.supplyAsync(manager::getToken),
						manager.getTokenAsync().toCompletableFuture());
				await().atMost(Duration.ofSeconds(10)).until(() -> server.issued().size() == 1);
				long started = System.nanoTime();
				context.close();
				// promptly: not after the token request's 60 s, nor after the read
				// timeout
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
				for (CompletableFuture<String> caller : waiting) {
					assertThat(caller).failsWithin(Duration.ofSeconds(10))
						.withThrowableOfType(Exception.class)
						.withRootCauseInstanceOf(TokenUnavailableException.class)
						.withMessageContaining("closed");
				}
			});
		// an executor reports itself terminated a moment before its threads have ended
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lifecycleThreads()).isSubsetOf(before));
		assertThat(handled).isEmpty();
		assertThat(events.ofType(ConductorAuthenticationFatalEvent.class)).isEmpty();
		assertThat(events.failed()).isEmpty();
	}

	private static Set<Thread> lifecycleThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> thread.getName().startsWith("conductor-auth-"))
			.collect(Collectors.toSet());
	}

}
