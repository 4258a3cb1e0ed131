package dev.conductor.auth.token;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.conductor.auth.event.ConductorTokenRefreshFailedEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.RefreshReason;
import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.conductor.auth.test.TokenServer.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A 404 from the token endpoint means "no security", but never for good: a token error on
 * a request sent without a token (an ingress that answered 404 during a rollout) sends
 * the manager back to the token endpoint, within the back-off rules.
 */
class ConductorTokenManagerUnsecuredTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	@RegisterExtension
	final TokenManagerFixture fixture = new TokenManagerFixture(server);

	private final MutableClock clock = this.fixture.clock();

	private final ManualTaskScheduler scheduler = this.fixture.scheduler();

	private final RecordingEvents events = this.fixture.events();

	private ConductorTokenManager manager;

	@BeforeEach
	void setUp() {
		server.clock(this.clock);
		this.manager = this.fixture.manager(UnaryOperator.identity());
	}

	@Test
	void aTokenErrorWithoutATokenAsksTheTokenEndpointAgainAfterTheBackOff() throws Exception {
		server.wiremock().stubFor(tokenRequest().willReturn(aResponse().withStatus(404)));
		this.manager.start();
		this.scheduler.awaitIdle();
		assertThat(this.manager.getToken()).isNull();
		assertThat(this.manager.getStatus().secured()).isFalse();
		// the route is back: the token endpoint answers, the API wants a token
		server.wiremock().resetMappings();
		server.issuesTokens();
		CompletableFuture<String> replay = this.manager.replaceRejectedTokenAsync(null).toCompletableFuture();
		this.scheduler.awaitIdle();
		assertThat(this.events.failed()).singleElement().satisfies((event) -> {
			assertThat(event.getCause()).hasMessageContaining("rejected a request sent without a token");
			assertThat(event.getNextAttemptDelay()).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2200));
		});
		assertThat(server.mintCount()).isEqualTo(1);
		// the caller of that request does not wait out the back-off
		assertThatExceptionOfType(CompletionException.class).isThrownBy(replay::join)
			.withCauseInstanceOf(TokenUnavailableException.class);
		this.scheduler.runNext();
		assertThat(this.manager.getToken()).isEqualTo(server.lastIssued());
		assertThat(this.manager.getStatus().secured()).isTrue();
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getReason)
			.containsExactly(RefreshReason.REJECTED);
		assertThat(server.mintCount()).isEqualTo(2);
	}

	@Test
	void aTokenEndpointThatKeepsAnswering404ToAnApiThatWantsATokenEndsInTheFatalState() {
		server.wiremock().stubFor(tokenRequest().willReturn(aResponse().withStatus(404)));
		this.manager.start();
		this.scheduler.awaitIdle();
		CompletableFuture<String> last = null;
		for (int rejection = 1; rejection <= 5; rejection++) {
			assertThat(this.manager.getToken()).isNull();
			last = this.manager.replaceRejectedTokenAsync(null).toCompletableFuture();
			this.scheduler.awaitIdle();
			if (rejection < 5) {
				this.scheduler.runNext();
			}
		}
		assertThat(this.events.failed()).extracting(ConductorTokenRefreshFailedEvent::getAttempt)
			.containsExactly(1, 2, 3, 4);
		assertThat(this.events.fatal()).hasSize(1);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(last::join)
			.withCauseInstanceOf(TokenUnavailableException.class);
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> this.manager.getTokenAsync().toCompletableFuture().join())
			.withCauseInstanceOf(FatalAuthenticationException.class);
		assertThat(server.mintCount()).isEqualTo(5);
		assertThat(this.scheduler.nextDelay()).isNull();
	}

	@Test
	void aRejectionWithoutATokenOnceATokenExistsUsesThatToken() {
		server.issuesTokens();
		String token = this.manager.getToken();
		assertThat(this.manager.replaceRejectedToken(null)).isEqualTo(token);
		this.scheduler.awaitIdle();
		assertThat(server.mintCount()).isEqualTo(1);
		assertThat(this.events.failed()).isEmpty();
	}

}
