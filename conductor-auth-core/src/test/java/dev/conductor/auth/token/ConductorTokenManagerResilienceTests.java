package dev.conductor.auth.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationEvent;

import dev.conductor.auth.event.ConductorTokenRefreshFailedEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.RefreshReason;
import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static dev.conductor.auth.test.TokenServer.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The manager never wedges: whatever one attempt meets (an overflowing
 * {@code Retry-After}, a throwing observation handler or listener, an {@link Error}), the
 * attempt ends and the next one is scheduled or the fatal state is entered; the fatal
 * state is entered once, on the manager's thread; a caller never waits for an attempt
 * that starts after its deadline.
 */
class ConductorTokenManagerResilienceTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	@RegisterExtension
	final TokenManagerFixture fixture = new TokenManagerFixture(server);

	private final MutableClock clock = this.fixture.clock();

	private final ManualTaskScheduler scheduler = this.fixture.scheduler();

	private final RecordingEvents events = this.fixture.events();

	@BeforeEach
	void setUp() {
		server.clock(this.clock);
	}

	@Test
	void aRetryAfterTooLargeForMillisecondsIsCappedAndTheAttemptsGoOnToTheFatalState() {
		server.wiremock()
			.stubFor(tokenRequest()
				.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "9300000000000000")));
		ConductorTokenManager manager = manager(UnaryOperator.identity());
		manager.start();
		this.scheduler.awaitIdle();
		assertThat(this.events.failed()).singleElement()
			.extracting(ConductorTokenRefreshFailedEvent::getNextAttemptDelay)
			.isEqualTo(Duration.ofSeconds(30));
		for (int i = 0; i < 4; i++) {
			assertThat(this.scheduler.runNext()).isEqualTo(Duration.ofSeconds(30));
		}
		assertThat(this.events.fatal()).hasSize(1);
		assertThat(server.mintCount()).isEqualTo(5);
		assertThatExceptionOfType(FatalAuthenticationException.class).isThrownBy(manager::getToken);
	}

	@Test
	void aRetryAfterOfMoreDigitsThanALongHoldsIsCappedToo() {
		server.wiremock()
			.stubFor(tokenRequest()
				.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "99999999999999999999999999999")));
		manager(UnaryOperator.identity()).start();
		this.scheduler.awaitIdle();
		assertThat(this.events.failed()).singleElement()
			.extracting(ConductorTokenRefreshFailedEvent::getNextAttemptDelay)
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void anObservationHandlerThatThrowsOnStopDoesNotStopTheRefreshes() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ThrowingHandler(false));
		ConductorTokenManager manager = manager((builder) -> builder.observationRegistry(registry));
		manager.start();
		this.scheduler.awaitIdle();
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
		this.scheduler.advance(Duration.ofMinutes(5));
		assertThat(server.mintCount()).isEqualTo(2);
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
	}

	@Test
	void anErrorFromAnObservationHandlerOnStopLeavesTheMintStanding() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				throw new AssertionError("handler failed on stop");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		ConductorTokenManager manager = manager((builder) -> builder.observationRegistry(registry));
		manager.start();
		this.scheduler.awaitIdle();
		// the token of the mint is kept: no second call of the token endpoint for it
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
		assertThat(server.mintCount()).isEqualTo(1);
		assertThat(this.events.failed()).isEmpty();
	}

	@Test
	void anErrorFromAnObservationHandlerLeavesTheMintStanding() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ThrowingHandler(true));
		ConductorTokenManager manager = manager((builder) -> builder.observationRegistry(registry));
		manager.start();
		this.scheduler.awaitIdle();
		assertThat(this.events.failed()).isEmpty();
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
		this.scheduler.advance(Duration.ofMinutes(5));
		assertThat(server.mintCount()).isEqualTo(2);
	}

	@Test
	void aListenerThatThrowsAnErrorDoesNotStopTheRefreshes() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		ConductorTokenManager manager = manager((builder) -> builder.eventPublisher((event) -> {
			throw new StackOverflowError("listener");
		}));
		manager.start();
		this.scheduler.awaitIdle();
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
		this.scheduler.advance(Duration.ofMinutes(5));
		assertThat(server.mintCount()).isEqualTo(2);
	}

	@Test
	void theFatalStateIsEnteredOnTheManagersThreadWhenARejectionSpendsTheBudget() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		List<String> fatalThreads = new ArrayList<>();
		ConductorTokenManager manager = manager(
				(builder) -> builder.retry(1, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30))
					.eventPublisher((event) -> {
						if (event instanceof ApplicationEvent applicationEvent) {
							this.events.publishEvent(applicationEvent);
						}
						if (event instanceof dev.conductor.auth.event.ConductorAuthenticationFatalEvent) {
							fatalThreads.add(Thread.currentThread().getName());
						}
					}));
		manager.start();
		this.scheduler.awaitIdle();
		CompletableFuture<String> replay = manager.replaceRejectedTokenAsync(server.lastIssued()).toCompletableFuture();
		this.scheduler.awaitIdle();
		// the replay does not wait for the manager to count the rejection: it learns at
		// once that no token comes now, and the next caller that the budget is spent
		assertThatExceptionOfType(CompletionException.class).isThrownBy(replay::join)
			.withCauseInstanceOf(TokenUnavailableException.class);
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> manager.getTokenAsync().toCompletableFuture().join())
			.withCauseInstanceOf(FatalAuthenticationException.class);
		assertThat(fatalThreads).singleElement().isNotEqualTo(Thread.currentThread().getName());
	}

	@Test
	void theFatalEventIsPublishedOnceHoweverManyCallersRaceIt() throws Exception {
		server.wiremock().stubFor(tokenRequest().willReturn(serviceUnavailable()));
		ConductorTokenManager manager = manager(UnaryOperator.identity());
		manager.start();
		this.scheduler.awaitIdle();
		for (int i = 0; i < 3; i++) {
			this.scheduler.runNext();
		}
		AtomicInteger fatalSeen = new AtomicInteger();
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Thread caller = new Thread(() -> {
				while (fatalSeen.get() < 200) {
					manager.getTokenAsync().exceptionally((ex) -> {
						if (ex.getCause() instanceof FatalAuthenticationException) {
							fatalSeen.incrementAndGet();
						}
						return null;
					});
				}
			});
			callers.add(caller);
			caller.start();
		}
		this.scheduler.runNext();
		for (Thread caller : callers) {
			// 8 spinning threads on a shared machine: the bound is for a hang, not speed
			caller.join(120_000);
			assertThat(caller.isAlive()).isFalse();
		}
		assertThat(this.events.fatal()).hasSize(1);
		assertThat(this.events.refreshed()).isEmpty();
		assertThat(this.scheduler.nextDelay()).isNull();
		assertThat(server.mintCount()).isEqualTo(5);
	}

	@Test
	void aCallerDuringTheBackOffFailsAtOnceWhateverItsDeadline() {
		server.wiremock().stubFor(tokenRequest().willReturn(serviceUnavailable()));
		ConductorTokenManager manager = manager((builder) -> builder.acquireTimeout(Duration.ofSeconds(10)));
		manager.start();
		this.scheduler.awaitIdle();
		// one failure: the next attempt is 2 s away, well within the 10 s a caller may
		// wait, and most likely fails as the last one did
		assertThat(this.scheduler.nextDelay()).isLessThan(Duration.ofSeconds(10));
		long started = System.nanoTime();
		assertThatExceptionOfType(TokenUnavailableException.class).isThrownBy(manager::getToken)
			.withMessageStartingWith("No Conductor token now: the next attempt runs at ")
			.withMessageContaining("; 1 attempt failed, the last: ")
			.withMessageContaining("503");
		this.scheduler.runNext();
		this.scheduler.runNext();
		this.scheduler.runNext();
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> manager.getTokenAsync().toCompletableFuture().join())
			.withCauseInstanceOf(TokenUnavailableException.class)
			.withMessageContaining("the next attempt runs at")
			.withMessageContaining("4 attempts in a row failed");
		// nothing was waited for: far below the acquire timeout, however slow the machine
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(server.mintCount()).isEqualTo(4);
	}

	@Test
	void callersWaitingForAnAttemptThatFailsAreReleasedWhenTheBackOffStarts() {
		server.wiremock().stubFor(tokenRequest().willReturn(serviceUnavailable()));
		ConductorTokenManager manager = manager((builder) -> builder.acquireTimeout(Duration.ofSeconds(10)));
		this.scheduler.hold();
		manager.start();
		CompletableFuture<String> waiting = manager.getTokenAsync().toCompletableFuture();
		CompletableFuture<String> blocked = CompletableFuture.supplyAsync(manager::getToken);
		this.scheduler.release();
		this.scheduler.awaitIdle();
		long started = System.nanoTime();
		for (CompletableFuture<String> caller : List.of(waiting, blocked)) {
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(caller::get)
				.havingCause()
				.isInstanceOf(TokenUnavailableException.class)
				.withMessageStartingWith("No Conductor token now: the next attempt runs at ")
				.withMessageContaining("1 attempt failed");
		}
		// released when the attempt failed, not when the acquire timeout ended
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.events.refreshed()).isEmpty();
	}

	@Test
	void aCallerWhoComesWhenTheNextAttemptIsDueWaitsForIt() throws Exception {
		server.wiremock().stubFor(tokenRequest().willReturn(serviceUnavailable()));
		ConductorTokenManager manager = manager((builder) -> builder.acquireTimeout(Duration.ofSeconds(10)));
		manager.start();
		this.scheduler.awaitIdle();
		this.scheduler.hold();
		this.scheduler.advance(Objects.requireNonNull(this.scheduler.nextDelay()));
		CompletableFuture<String> waiting = manager.getTokenAsync().toCompletableFuture();
		server.issuesTokens();
		this.scheduler.release();
		assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(server.lastIssued());
	}

	@Test
	void durationsTooLargeForNanosecondsDoNotBreakAnAttemptOrAWait() {
		server.issuesTokens();
		Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
		ConductorTokenManager manager = manager(
				(builder) -> builder.acquireTimeout(huge).tokenTtl(huge).refreshBeforeExpiry(huge).clockSkew(huge));
		assertThat(manager.getTokenAsync().toCompletableFuture().join()).isEqualTo(server.lastIssued());
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
	}

	@Test
	void aRecoveryThroughA404PublishesTheRecoveredEvent() {
		server.wiremock().stubFor(tokenRequest().willReturn(serviceUnavailable()));
		ConductorTokenManager manager = manager((builder) -> builder.recoverAfterFatal(true));
		manager.start();
		this.scheduler.awaitIdle();
		for (int i = 0; i < 4; i++) {
			this.scheduler.runNext();
		}
		assertThat(this.events.fatal()).hasSize(1);
		server.wiremock().resetMappings();
		server.wiremock().stubFor(tokenRequest().willReturn(aResponse().withStatus(404)));
		this.scheduler.runNext();
		assertThat(manager.getToken()).isNull();
		assertThat(this.events.refreshed()).singleElement()
			.extracting(ConductorTokenRefreshedEvent::getReason)
			.isEqualTo(RefreshReason.RECOVERED);
		assertThat(manager.getStatus().fatal()).isFalse();
	}

	private ConductorTokenManager manager(UnaryOperator<ConductorTokenManagerBuilder> customizer) {
		return this.fixture.manager(customizer);
	}

	/**
	 * A user's handler that throws: on stop, or once on start (an {@link Error}, as an
	 * agent or a bug may throw).
	 */
	private static final class ThrowingHandler implements ObservationHandler<Observation.Context> {

		private final boolean onStart;

		private final AtomicInteger starts = new AtomicInteger();

		ThrowingHandler(boolean onStart) {
			this.onStart = onStart;
		}

		@Override
		public void onStart(Observation.Context context) {
			if (this.onStart && this.starts.incrementAndGet() == 1) {
				throw new AssertionError("handler failed on start");
			}
		}

		@Override
		public void onStop(Observation.Context context) {
			if (!this.onStart) {
				throw new IllegalStateException("handler failed on stop");
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
