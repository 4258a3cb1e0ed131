package dev.conductor.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.event.ConductorTokenRefreshFailedEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.RefreshReason;
import dev.conductor.auth.test.CapturingAppender;
import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static dev.conductor.auth.test.TokenServer.issuedToken;
import static dev.conductor.auth.test.TokenServer.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The token lifecycle against a WireMock token endpoint, with a clock and a scheduler
 * that the tests move: no test waits for the lifecycle's timing.
 */
class ConductorTokenManagerTests {

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
		this.manager = manager(UnaryOperator.identity());
	}

	@Test
	void mintsTheFirstTokenInTheBackgroundOnStart() {
		server.lifetime(Duration.ofMinutes(30)).issuesTokens();
		this.manager.start();
		this.scheduler.awaitIdle();
		assertThat(server.mintCount()).isEqualTo(1);
		assertThat(this.manager.getToken()).isEqualTo(server.lastIssued());
		assertThat(this.events.refreshed()).singleElement().satisfies((event) -> {
			assertThat(event.getReason()).isEqualTo(RefreshReason.INITIAL);
			assertThat(event.getAttempt()).isEqualTo(1);
			assertThat(event.getExpiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(30)));
		});
	}

	@Test
	void aCallerBeforeStartMintsTheFirstTokenOnce() {
		server.issuesTokens();
		assertThat(this.manager.getTokenAsync().toCompletableFuture().join()).isEqualTo(server.lastIssued());
		this.manager.start();
		this.scheduler.awaitIdle();
		assertThat(server.mintCount()).isEqualTo(1);
	}

	@Test
	void readsTheSameTokenWithoutMintingUntilItIsDue() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		String first = startAndAwaitToken();
		for (int second = 0; second < 5 * 60; second++) {
			assertThat(this.manager.getToken()).isSameAs(first);
			assertThat(this.manager.getTokenAsync().toCompletableFuture().join()).isSameAs(first);
			this.scheduler.advance(Duration.ofMillis(999));
		}
		assertThat(server.mintCount()).isEqualTo(1);
	}

	@Test
	void aValidTokenIsAtHandWithoutWaitingUntilItExpires() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		assertThat(this.manager.getTokenIfValid()).isNull();
		String first = startAndAwaitToken();
		assertThat(this.manager.getTokenIfValid()).isSameAs(first);
		server.wiremock().stubFor(tokenRequest().willReturn(serviceUnavailable()));
		this.scheduler.advance(Duration.ofMinutes(9));
		// due, and every attempt to replace it failed: still sent, as getToken() sends it
		assertThat(this.manager.getTokenIfValid()).isSameAs(first);
		this.scheduler.advance(Duration.ofSeconds(30));
		// within the clock skew of its expiry: a caller would have to wait for a new one
		assertThat(this.manager.getTokenIfValid()).isNull();
	}

	@Test
	void theExpClaimDecidesWhenTheTokenIsReplaced() {
		server.lifetime(Duration.ofMinutes(20)).issuesTokens();
		String first = startAndAwaitToken();
		this.scheduler.advance(Duration.ofMinutes(15).minusMillis(1));
		assertThat(this.manager.getToken()).isEqualTo(first);
		assertThat(server.mintCount()).isEqualTo(1);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(server.mintCount()).isEqualTo(2);
		assertThat(this.manager.getToken()).isEqualTo(server.lastIssued()).isNotEqualTo(first);
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getReason)
			.containsExactly(RefreshReason.INITIAL, RefreshReason.SCHEDULED);
	}

	@Test
	void anOpaqueTokenIsReplacedAfterTheTtl() {
		String opaque = TestTokens.opaque();
		server.wiremock()
			.stubFor(tokenRequest().willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"token\":\"" + opaque + "\"}")));
		this.manager.start();
		this.scheduler.awaitIdle();
		assertThat(this.manager.getToken()).isEqualTo(opaque);
		assertThat(this.events.refreshed().get(0).getExpiresAt())
			.isEqualTo(this.clock.instant().plus(Duration.ofMinutes(45)));
		this.scheduler.advance(Duration.ofMinutes(40).minusMillis(1));
		assertThat(server.mintCount()).isEqualTo(1);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(server.mintCount()).isEqualTo(2);
	}

	@Test
	void aTenSecondTokenIsRefreshedBeforeItExpiresWithoutAMintOnEveryCall() {
		server.lifetime(Duration.ofSeconds(10)).issuesTokens();
		startAndAwaitToken();
		Set<String> seen = new HashSet<>();
		for (int step = 0; step < 600; step++) {
			String token = this.manager.getToken();
			seen.add(token);
			assertThat(expiryOf(token)).isAfter(this.clock.instant());
			this.scheduler.advance(Duration.ofMillis(100));
		}
		seen.add(this.manager.getToken());
		// 60 s of 10 s tokens that are due at half their life: one mint every 5 s
		assertThat(server.mintCount()).isBetween(12, 13);
		assertThat(seen).hasSize(server.mintCount());
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getReason)
			.containsOnly(RefreshReason.INITIAL, RefreshReason.SCHEDULED);
	}

	@Test
	void callersKeepTheCurrentTokenWhileTheRefreshRuns() throws Exception {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		String first = startAndAwaitToken();
		server.wiremock().stubFor(tokenRequest().willReturn(issuedToken().withFixedDelay(2000)));
		// past due: the scheduler starts the refresh, which takes 2 s on the server
		this.clock.advance(Duration.ofMinutes(6));
		awaitCondition(() -> server.issued().size() == 2);
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> tokens = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				tokens.add(callers.submit(this.manager::getToken));
			}
			for (Future<String> token : tokens) {
				assertThat(token.get()).isEqualTo(first);
			}
		}
		finally {
			callers.shutdownNow();
		}
		this.scheduler.awaitIdle();
		assertThat(this.manager.getToken()).isEqualTo(server.lastIssued());
		assertThat(server.mintCount()).isEqualTo(2);
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getReason)
			.containsExactly(RefreshReason.INITIAL, RefreshReason.SCHEDULED);
	}

	@Test
	void mintsOnceWhenManyThreadsFindAnExpiredToken() throws Exception {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		String first = startAndAwaitToken();
		this.scheduler.hold();
		this.clock.advance(Duration.ofMinutes(11));
		List<Thread> threads = new ArrayList<>();
		List<CompletableFuture<String>> results = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			CompletableFuture<String> result = new CompletableFuture<>();
			results.add(result);
			Thread thread = new Thread(() -> {
				try {
					result.complete(this.manager.getToken());
				}
				catch (RuntimeException ex) {
					result.completeExceptionally(ex);
				}
			});
			threads.add(thread);
			thread.start();
		}
		awaitCondition(() -> threads.stream().allMatch((thread) -> thread.getState() == Thread.State.TIMED_WAITING));
		this.scheduler.release();
		this.scheduler.awaitIdle();
		for (CompletableFuture<String> result : results) {
			assertThat(result.get()).isEqualTo(server.lastIssued()).isNotEqualTo(first);
		}
		assertThat(server.mintCount()).isEqualTo(2);
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getReason)
			.containsExactly(RefreshReason.INITIAL, RefreshReason.EXPIRED);
	}

	@Test
	void fiveFailuresInARowBackOffThenGiveUpOnce() throws Exception {
		server.wiremock().stubFor(tokenRequest().willReturn(serviceUnavailable()));
		ConductorTokenManager manager = manager(
				(builder) -> builder.acquireTimeout(Duration.ofMillis(20)).exitCode(42));
		ExecutorService callers = Executors.newFixedThreadPool(100);
		List<Future<?>> calls = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			calls.add(callers.submit(() -> {
				while (true) {
					try {
						manager.getToken();
					}
					catch (FatalAuthenticationException ex) {
						return ex;
					}
					catch (TokenUnavailableException ex) {
						// waited its acquire timeout: ask again, as a busy application
						// would
					}
				}
			}));
		}
		try {
			manager.start();
			List<Duration> waits = new ArrayList<>();
			this.scheduler.awaitIdle();
			for (int i = 0; i < 4; i++) {
				waits.add(this.scheduler.runNext());
			}
			assertThat(this.scheduler.nextDelay()).isNull();
			assertThat(server.mintCount()).isEqualTo(5);
			List<ConductorTokenRefreshFailedEvent> failed = this.events.failed();
			assertThat(failed).extracting(ConductorTokenRefreshFailedEvent::getAttempt).containsExactly(1, 2, 3, 4);
			assertThat(failed).allSatisfy((event) -> {
				assertThat(event.getMaxAttempts()).isEqualTo(5);
				assertThat(event.getCause()).hasMessageContaining("answered 503 Service Unavailable");
			});
			List<Duration> delays = failed.stream().map(ConductorTokenRefreshFailedEvent::getNextAttemptDelay).toList();
			assertThat(delays.get(0).toMillis()).isCloseTo(2000, within(200L));
			assertThat(delays.get(1).toMillis()).isCloseTo(4000, within(400L));
			assertThat(delays.get(2).toMillis()).isCloseTo(8000, within(800L));
			assertThat(delays.get(3).toMillis()).isCloseTo(16000, within(1600L));
			assertThat(waits).isEqualTo(delays);
			assertThat(this.events.fatal()).singleElement().satisfies((event) -> {
				assertThat(event.getAttempts()).isEqualTo(5);
				assertThat(event.getExitCode()).isEqualTo(42);
				assertThat(event.getLastCause()).hasMessageContaining("503");
			});
			for (Future<?> call : calls) {
				assertThat(call.get()).isInstanceOfSatisfying(FatalAuthenticationException.class,
						(ex) -> assertThat(ex.getExitCode()).isEqualTo(42));
			}
			assertThat(server.mintCount()).isEqualTo(5);
			assertThat(this.events.fatal()).hasSize(1);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void aRetryAfterLongerThanTheBackOffIsHonoured() {
		assertFirstDelayWithRetryAfter("10", Duration.ofSeconds(10), Duration.ofSeconds(10));
	}

	@Test
	void aRetryAfterShorterThanTheBackOffNeverMakesItFaster() {
		assertFirstDelayWithRetryAfter("0", Duration.ofMillis(2000), Duration.ofMillis(2200));
	}

	@Test
	void aRetryAfterIsCappedAtTheMaxInterval() {
		assertFirstDelayWithRetryAfter("3600", Duration.ofSeconds(30), Duration.ofSeconds(30));
	}

	private void assertFirstDelayWithRetryAfter(String retryAfter, Duration atLeast, Duration atMost) {
		server.wiremock()
			.stubFor(tokenRequest().willReturn(aResponse().withStatus(503).withHeader("Retry-After", retryAfter)));
		this.manager.start();
		this.scheduler.awaitIdle();
		assertThat(this.events.failed()).singleElement()
			.extracting(ConductorTokenRefreshFailedEvent::getNextAttemptDelay)
			.satisfies((delay) -> assertThat(delay).isBetween(atLeast, atMost));
		assertThat(this.scheduler.nextDelay()).isEqualTo(this.events.failed().get(0).getNextAttemptDelay());
	}

	@Test
	void aOneSecondTokenIsReplacedBeforeItExpiresOnEveryCall() {
		server.lifetime(Duration.ofSeconds(1)).issuesTokens();
		startAndAwaitToken();
		for (int step = 0; step < 50; step++) {
			String token = this.manager.getToken();
			assertThat(expiryOf(token)).isAfter(this.clock.instant());
			this.scheduler.advance(Duration.ofMillis(100));
		}
		// exp counts whole seconds, so a "1 s" token lives 0 to 1 s and is due at half of
		// that: about four mints a second, never one per call
		assertThat(server.mintCount()).isLessThan(25);
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getReason)
			.containsOnly(RefreshReason.INITIAL, RefreshReason.SCHEDULED);
	}

	@Test
	void aSuccessResetsTheBudget() {
		server.lifetime(Duration.ofMinutes(10));
		stubSequence("reset", 4, 1, 4, 1);
		this.manager.start();
		this.scheduler.awaitIdle();
		for (int i = 0; i < 4; i++) {
			this.scheduler.runNext();
		}
		String first = this.manager.getToken();
		assertThat(first).isEqualTo(server.lastIssued());
		// the next refresh, when due, fails four times and succeeds on the fifth attempt
		this.scheduler.advance(Duration.ofMinutes(5));
		for (int i = 0; i < 4; i++) {
			this.scheduler.runNext();
		}
		assertThat(this.manager.getToken()).isEqualTo(server.lastIssued()).isNotEqualTo(first);
		assertThat(this.events.failed()).extracting(ConductorTokenRefreshFailedEvent::getAttempt)
			.containsExactly(1, 2, 3, 4, 1, 2, 3, 4);
		assertThat(this.events.fatal()).isEmpty();
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getAttempt).containsExactly(5, 5);
	}

	@Test
	void rejectingTheCurrentTokenMintsOnce() throws Exception {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		String rejected = startAndAwaitToken();
		this.manager.tokenAccepted(rejected);
		this.clock.advance(Duration.ofMinutes(1));
		ExecutorService callers = Executors.newFixedThreadPool(10);
		try {
			List<Future<String>> replays = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				replays.add(callers.submit(() -> this.manager.replaceRejectedToken(rejected)));
			}
			for (Future<String> replay : replays) {
				assertThat(replay.get()).isEqualTo(server.lastIssued()).isNotEqualTo(rejected);
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(server.mintCount()).isEqualTo(2);
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getReason)
			.containsExactly(RefreshReason.INITIAL, RefreshReason.REJECTED);
	}

	@Test
	void rejectingAnOldTokenDoesNotMint() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		String old = startAndAwaitToken();
		this.manager.tokenAccepted(old);
		this.clock.advance(Duration.ofMinutes(1));
		String current = this.manager.replaceRejectedToken(old);
		assertThat(this.manager.replaceRejectedToken(old)).isEqualTo(current);
		assertThat(this.manager.replaceRejectedTokenAsync(old).toCompletableFuture().join()).isEqualTo(current);
		assertThat(server.mintCount()).isEqualTo(2);
	}

	@Test
	void aTokenRejectedBeforeTheServerEverAcceptedItCountsAsAFailedAttempt() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		// an acquire timeout beyond the longest back-off (16 s): still, no replay waits
		// for a token that comes only after a back-off
		ConductorTokenManager manager = manager(
				(builder) -> builder.exitCode(3).acquireTimeout(Duration.ofSeconds(30)));
		manager.start();
		this.scheduler.awaitIdle();
		// a server that rejects every token it issues
		for (int attempt = 1; attempt <= 4; attempt++) {
			this.clock.advance(Duration.ofMillis(100));
			CompletableFuture<String> replay = manager.replaceRejectedTokenAsync(server.lastIssued())
				.toCompletableFuture();
			assertThatExceptionOfType(CompletionException.class).isThrownBy(replay::join)
				.withCauseInstanceOf(TokenUnavailableException.class);
			// the failed attempt is counted on the manager's thread, never the caller's
			this.scheduler.awaitIdle();
			assertThat(server.mintCount()).isEqualTo(attempt);
			assertThat(this.events.failed()).hasSize(attempt);
			assertThatExceptionOfType(TokenUnavailableException.class).isThrownBy(manager::getToken)
				.withMessageContaining("the next attempt runs at");
			Duration wait = this.scheduler.runNext();
			assertThat(wait).isEqualTo(this.events.failed().get(attempt - 1).getNextAttemptDelay());
			assertThat(manager.getToken()).isEqualTo(server.lastIssued());
		}
		this.clock.advance(Duration.ofMillis(100));
		CompletableFuture<String> replay = manager.replaceRejectedTokenAsync(server.lastIssued()).toCompletableFuture();
		this.scheduler.awaitIdle();
		assertThatExceptionOfType(CompletionException.class).isThrownBy(replay::join)
			.withCauseInstanceOf(TokenUnavailableException.class);
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> manager.getTokenAsync().toCompletableFuture().join())
			.withCauseInstanceOf(FatalAuthenticationException.class);
		assertThat(this.events.failed()).extracting(ConductorTokenRefreshFailedEvent::getAttempt)
			.containsExactly(1, 2, 3, 4);
		assertThat(this.events.failed().get(0).getCause())
			.hasMessageContaining("rejected a token that it had not accepted once, 100 ms after it was minted");
		assertThat(this.events.fatal()).singleElement()
			.extracting(ConductorAuthenticationFatalEvent::getExitCode)
			.isEqualTo(3);
		assertThat(server.mintCount()).isEqualTo(5);
		assertThat(this.scheduler.nextDelay()).isNull();
	}

	@Test
	void aTokenTheServerAcceptedIsReplacedAtOnceWhenRejectedRightAfter() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		String token = startAndAwaitToken();
		this.manager.tokenAccepted(token);
		this.clock.advance(Duration.ofMillis(10));
		assertThat(this.manager.replaceRejectedToken(token)).isEqualTo(server.lastIssued()).isNotEqualTo(token);
		assertThat(server.mintCount()).isEqualTo(2);
		assertThat(this.events.failed()).isEmpty();
	}

	@Test
	void acceptingAnOldTokenChangesNothing() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		String old = startAndAwaitToken();
		this.manager.tokenAccepted(old);
		this.clock.advance(Duration.ofMinutes(1));
		String current = this.manager.replaceRejectedToken(old);
		this.manager.tokenAccepted(old);
		// the current token was never accepted: rejecting it counts as a failed attempt
		this.manager.replaceRejectedTokenAsync(current);
		this.scheduler.awaitIdle();
		assertThat(this.events.failed()).singleElement()
			.satisfies((event) -> assertThat(event.getCause()).hasMessageContaining("had not accepted once"));
	}

	@Test
	void aServerWithoutSecurityGetsNoTokenAndOneWarning() {
		server.wiremock().stubFor(tokenRequest().willReturn(aResponse().withStatus(404)));
		this.manager.start();
		this.scheduler.awaitIdle();
		for (int i = 0; i < 100; i++) {
			assertThat(this.manager.getToken()).isNull();
			assertThat(this.manager.getTokenAsync().toCompletableFuture().join()).isNull();
			assertThat(this.manager.getTokenIfValid()).isNull();
			this.scheduler.advance(Duration.ofHours(1));
		}
		assertThat(server.mintCount()).isEqualTo(1);
		assertThat(CapturingAppender.lines())
			.filteredOn((line) -> line.contains("answered 404: the server has no security"))
			.singleElement()
			.asString()
			.contains(server.tokenUri().toString(), "conductor.auth.enabled=false");
		assertThat(this.events.all()).isEmpty();
	}

	@Test
	void aSpentBudgetKeepsAValidTokenUntilItExpires() {
		server.lifetime(Duration.ofMinutes(10)).issuesTokens();
		String token = startAndAwaitToken();
		server.wiremock().stubFor(tokenRequest().willReturn(serviceUnavailable()));
		// due at 5 min; the budget is spent about 30 s later, the token is good until
		// 9:30
		this.scheduler.advance(Duration.ofMinutes(5));
		while (this.events.fatal().isEmpty()) {
			assertThat(this.manager.getToken()).isEqualTo(token);
			this.scheduler.runNext();
		}
		assertThat(this.clock.instant()).isEqualTo(this.events.refreshed().get(0).getExpiresAt().minusSeconds(30));
		List<Duration> delays = this.events.failed()
			.stream()
			.map(ConductorTokenRefreshFailedEvent::getNextAttemptDelay)
			.toList();
		assertThat(delays).allSatisfy((delay) -> assertThat(delay).isLessThanOrEqualTo(Duration.ofSeconds(30)));
		// the back-off, a phase drawn once, then about every max-interval until the
		// expiry cuts one short
		assertThat(delays).hasSizeGreaterThan(7);
		assertThat(delays.subList(5, delays.size() - 1))
			.allSatisfy((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(30)));
		assertThatExceptionOfType(FatalAuthenticationException.class).isThrownBy(this.manager::getToken);
		assertThat(this.scheduler.nextDelay()).isNull();
	}

	@Test
	void recoversAfterTheFatalStateWhenAskedTo() {
		server.wiremock().stubFor(tokenRequest().willReturn(serviceUnavailable()));
		ConductorTokenManager manager = manager((builder) -> builder.recoverAfterFatal(true));
		manager.start();
		this.scheduler.awaitIdle();
		for (int i = 0; i < 4; i++) {
			this.scheduler.runNext();
		}
		assertThat(this.events.fatal()).hasSize(1);
		assertThatExceptionOfType(FatalAuthenticationException.class).isThrownBy(manager::getToken);
		// a phase drawn once within the max-interval, then about every max-interval
		assertThat(this.scheduler.runNext()).isBetween(Duration.ofMillis(1), Duration.ofSeconds(30));
		for (int i = 0; i < 2; i++) {
			assertThat(this.scheduler.runNext()).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(30));
		}
		assertThat(this.events.failed()).hasSize(4 + 3);
		server.issuesTokens();
		assertThat(this.scheduler.runNext()).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(30));
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
		assertThat(this.events.refreshed()).singleElement()
			.extracting(ConductorTokenRefreshedEvent::getReason)
			.isEqualTo(RefreshReason.RECOVERED);
		assertThat(this.events.fatal()).hasSize(1);
		assertThat(server.mintCount()).isEqualTo(9);
	}

	@Test
	void aListenerThatThrowsDoesNotStopTheLifecycle() {
		server.issuesTokens();
		ConductorTokenManager manager = manager((builder) -> builder.eventPublisher((event) -> {
			throw new IllegalStateException("listener failed");
		}));
		manager.start();
		this.scheduler.awaitIdle();
		assertThat(manager.getToken()).isEqualTo(server.lastIssued());
	}

	@Test
	void describesItselfWithoutCredentials() {
		assertThat(this.manager.toString()).contains(server.tokenUri().toString())
			.doesNotContain(TestTokens.KEY_SECRET);
	}

	private String startAndAwaitToken() {
		this.manager.start();
		this.scheduler.awaitIdle();
		String token = this.manager.getToken();
		assertThat(token).isEqualTo(server.lastIssued());
		return token;
	}

	private ConductorTokenManager manager(UnaryOperator<ConductorTokenManagerBuilder> customizer) {
		return this.fixture.manager((builder) -> customizer.apply(builder.acquireTimeout(Duration.ofSeconds(10))));
	}

	/**
	 * Answer token requests with {@code failures} 503s, then {@code successes} tokens,
	 * and so on, pair by pair.
	 */
	private void stubSequence(String scenario, int... counts) {
		String state = "Started";
		int step = 0;
		for (int pair = 0; pair < counts.length; pair++) {
			boolean fail = pair % 2 == 0;
			for (int i = 0; i < counts[pair]; i++) {
				String next = "step-" + (++step);
				server.wiremock()
					.stubFor(tokenRequest().inScenario(scenario)
						.whenScenarioStateIs(state)
						.willReturn(fail ? serviceUnavailable() : issuedToken())
						.willSetStateTo(next));
				state = next;
			}
		}
	}

	private Instant expiryOf(String token) {
		int index = server.issued().indexOf(token);
		assertThat(index).isNotNegative();
		return this.events.refreshed().get(index).getExpiresAt();
	}

	private static void awaitCondition(java.util.function.BooleanSupplier condition) {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(5))
			.until(condition::getAsBoolean);
	}

}
