package dev.conductor.auth.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.FatalAuthenticationException;
import dev.conductor.auth.token.TokenUnavailableException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The first mint at startup, in the background or, with {@code fail-fast}, before the
 * application is up.
 */
class ConductorTokenManagerStarterTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class))
		.withPropertyValues("conductor.auth.base-url=" + server.baseUrl(), "conductor.auth.key-id=" + TestTokens.KEY_ID,
				"conductor.auth.key-secret=" + TestTokens.KEY_SECRET, "conductor.auth.retry.max-attempts=3",
				"conductor.auth.retry.initial-interval=20ms", "conductor.auth.retry.max-interval=50ms");

	@Test
	void withoutFailFastStartupDoesNotWaitForAFailingTokenEndpoint() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ConductorTokenManager.class).getStatus().valid()).isFalse();
		});
	}

	@Test
	void withFailFastStartupWaitsForTheFirstToken() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(TokenServer.issuedToken().withFixedDelay(500)));
		this.runner.withPropertyValues("conductor.auth.fail-fast=true").run((context) -> {
			assertThat(context).hasNotFailed();
			// minted before the context was handed over: no wait now
			assertThat(context.getBean(ConductorTokenManager.class).getStatus().valid()).isTrue();
			assertThat(server.mintCount()).isEqualTo(1);
		});
	}

	@Test
	void withFailFastStartupFailsWithTheExitCodeWhenTheBudgetIsSpent() {
		server.wiremock().stubFor(TokenServer.tokenRequest().willReturn(serviceUnavailable()));
		this.runner.withPropertyValues("conductor.auth.fail-fast=true", "conductor.auth.exit-code=42")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOfSatisfying(FatalAuthenticationException.class,
						(ex) -> assertThat(ex.getExitCode()).isEqualTo(42));
				assertThat(server.mintCount()).isEqualTo(3);
			});
	}

	@Test
	void withFailFastARetryAfterOfAnySizeStillEndsStartupInTheFatalState() {
		server.wiremock()
			.stubFor(TokenServer.tokenRequest()
				.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "9300000000000000")));
		// the bound only catches a hang: the three attempts take 0.1 s
		assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> this.runner.withPropertyValues("conductor.auth.fail-fast=true").run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).isInstanceOf(FatalAuthenticationException.class);
					assertThat(server.mintCount()).isEqualTo(3);
				}));
	}

	@Test
	void withFailFastAManagerClosedWhileStartupWaitsEndsTheWait() {
		server.wiremock()
			.stubFor(TokenServer.tokenRequest().willReturn(TokenServer.issuedToken().withFixedDelay(30_000)));
		ConductorTokenManager manager = ConductorTokenManager
			.builder(server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
			.acquireTimeout(Duration.ofMillis(100))
			.build();
		ConductorTokenManagerStarter starter = new ConductorTokenManagerStarter(manager, true);
		CompletableFuture<Void> startup = CompletableFuture.runAsync(starter::afterSingletonsInstantiated);
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.mintCount() == 1);
		manager.close();
		assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> assertThatExceptionOfType(Exception.class).isThrownBy(startup::join)
					.havingRootCause()
					.isInstanceOf(TokenUnavailableException.class)
					.withMessageContaining("closed"));
	}

}
