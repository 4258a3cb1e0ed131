package dev.conductor.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.conductor.auth.event.ConductorTokenRefreshFailedEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.RefreshReason;
import dev.conductor.auth.test.CapturingAppender;
import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * The lifecycle around a {@link ConductorTokenSource} of the application's own: the life
 * of its tokens as the source states it, and the back-off, failure budget, fatal state,
 * self-healing, single flight and "no security" that work as they do for the Orkes token
 * endpoint. No test waits for the lifecycle's timing.
 */
class ConductorTokenManagerSourceTests {

	@RegisterExtension
	final TokenManagerFixture fixture = new TokenManagerFixture();

	private final MutableClock clock = this.fixture.clock();

	private final ManualTaskScheduler scheduler = this.fixture.scheduler();

	private final RecordingEvents events = this.fixture.events();

	private final InMemorySource source = new InMemorySource();

	@ParameterizedTest
	@ValueSource(ints = { -3, 5 })
	void aTokenWithExpiresAtAndIssuedAtLivesTheirDifferenceOnAnyIssuerClock(int issuerHoursAhead) {
		Clock issuer = Clock.offset(this.clock, Duration.ofHours(issuerHoursAhead));
		this.source.answer(() -> ConductorToken.of(TestTokens.opaque(), issuer.instant().plus(Duration.ofMinutes(30)),
				issuer.instant()));
		ConductorTokenManager manager = manager(UnaryOperator.identity());
		String first = startAndAwaitToken(manager);
		assertThat(this.events.refreshed()).singleElement()
			.extracting(ConductorTokenRefreshedEvent::getExpiresAt)
			.isEqualTo(this.clock.instant().plus(Duration.ofMinutes(30)));
		// due 5 min before it expires, on this machine's clock
		this.scheduler.advance(Duration.ofMinutes(25).minusMillis(1));
		assertThat(this.source.calls()).isEqualTo(1);
		this.source.failWith(() -> new TokenMintException("issuer down", null));
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.source.calls()).isEqualTo(2);
		// expired 30 s before it expires: sent until then, whatever the refreshes meet
		this.scheduler.advance(Duration.ofMinutes(4).plusSeconds(30).minusMillis(1));
		assertThat(manager.getTokenIfValid()).isEqualTo(first);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(manager.getTokenIfValid()).isNull();
	}

	@Test
	void aTokenWithExpiresAtAloneLivesUntilThenByThisMachinesClock() {
		this.source.answer(
				() -> ConductorToken.of(TestTokens.opaque(), this.clock.instant().plus(Duration.ofMinutes(20)), null));
		ConductorTokenManager manager = manager(UnaryOperator.identity());
		String first = startAndAwaitToken(manager);
		assertThat(this.events.refreshed()).singleElement()
			.extracting(ConductorTokenRefreshedEvent::getExpiresAt)
			.isEqualTo(this.clock.instant().plus(Duration.ofMinutes(20)));
		this.scheduler.advance(Duration.ofMinutes(15).minusMillis(1));
		assertThat(this.source.calls()).isEqualTo(1);
		assertThat(manager.getToken()).isEqualTo(first);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.source.calls()).isEqualTo(2);
		assertThat(manager.getToken()).isEqualTo(this.source.lastIssued()).isNotEqualTo(first);
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getReason)
			.containsExactly(RefreshReason.INITIAL, RefreshReason.SCHEDULED);
	}

	@Test
	void aJwtWithoutExpiresAtLivesByItsClaimsOnTheIssuersClock() {
		Clock issuer = Clock.offset(this.clock, Duration.ofHours(-2));
		this.source.answer(() -> ConductorToken
			.of(TestTokens.jwt(issuer.instant(), issuer.instant().plus(Duration.ofMinutes(10)))));
		ConductorTokenManager manager = manager(UnaryOperator.identity());
		startAndAwaitToken(manager);
		assertThat(this.events.refreshed()).singleElement()
			.extracting(ConductorTokenRefreshedEvent::getExpiresAt)
			.isEqualTo(this.clock.instant().plus(Duration.ofMinutes(10)));
	}

	@Test
	void anOpaqueTokenWithoutExpiresAtLivesTheTtl() {
		this.source.answer(() -> ConductorToken.of(TestTokens.opaque()));
		ConductorTokenManager manager = manager((builder) -> builder.tokenTtl(Duration.ofMinutes(20)));
		startAndAwaitToken(manager);
		assertThat(this.events.refreshed()).singleElement()
			.extracting(ConductorTokenRefreshedEvent::getExpiresAt)
			.isEqualTo(this.clock.instant().plus(Duration.ofMinutes(20)));
		this.scheduler.advance(Duration.ofMinutes(15).minusMillis(1));
		assertThat(this.source.calls()).isEqualTo(1);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.source.calls()).isEqualTo(2);
	}

	@Test
	void aTokenThatExpiresWhenItWasIssuedIsAFailedAttempt() {
		Clock issuer = Clock.offset(this.clock, Duration.ofHours(4));
		this.source.answer(() -> ConductorToken.of(TestTokens.opaque(), issuer.instant(), issuer.instant()));
		manager(UnaryOperator.identity()).start();
		this.scheduler.awaitIdle();
		assertThat(this.events.failed()).singleElement()
			.satisfies((event) -> assertThat(event.getCause()).hasMessageContaining(
					"expired at " + this.clock.instant().plus(Duration.ofHours(4)) + ", PT0S before it was issued"));
		assertThat(this.events.refreshed()).isEmpty();
	}

	@Test
	void aTokenWithExpiresAtAloneInThePastIsAFailedAttempt() {
		this.source.answer(() -> ConductorToken.of(TestTokens.opaque(), this.clock.instant().minusSeconds(90), null));
		manager(UnaryOperator.identity()).start();
		this.scheduler.awaitIdle();
		assertThat(this.events.failed()).singleElement()
			.satisfies((event) -> assertThat(event.getCause())
				.hasMessageContaining("PT1M30S before it was issued by this machine's clock")
				.hasMessageContaining("check the clocks"));
	}

	@Test
	void aSourceThatThrowsBacksOffAndEntersTheFatalStateOnceTheBudgetIsSpent() {
		String leaked = TestTokens.opaque();
		this.source.failWith(() -> new IllegalStateException("issuer said no to " + leaked));
		ConductorTokenManager manager = manager((builder) -> builder.exitCode(7));
		manager.start();
		this.scheduler.awaitIdle();
		for (int i = 0; i < 4; i++) {
			this.scheduler.runNext();
		}
		List<ConductorTokenRefreshFailedEvent> failed = this.events.failed();
		assertThat(failed).extracting(ConductorTokenRefreshFailedEvent::getAttempt).containsExactly(1, 2, 3, 4);
		assertThat(failed.get(0).getNextAttemptDelay().toMillis()).isCloseTo(2000, within(200L));
		assertThat(failed.get(3).getNextAttemptDelay().toMillis()).isCloseTo(16000, within(1600L));
		// the message names the exception's class, never what its message may hold
		assertThat(failed).allSatisfy((event) -> assertThat(event.getCause())
			.hasMessage("Conductor token source in-memory issuer failed unexpectedly: "
					+ IllegalStateException.class.getName())
			.hasRootCauseInstanceOf(IllegalStateException.class));
		assertThat(this.events.fatal()).singleElement().satisfies((event) -> {
			assertThat(event.getAttempts()).isEqualTo(5);
			assertThat(event.getExitCode()).isEqualTo(7);
		});
		assertThatExceptionOfType(FatalAuthenticationException.class).isThrownBy(manager::getToken)
			.withMessageNotContaining(leaked);
		assertThat(this.source.calls()).isEqualTo(5);
		assertThat(this.scheduler.nextDelay()).isNull();
	}

	@Test
	void aSourceThatThrowsAnErrorRecoversAfterTheFatalStateWhenAskedTo() {
		this.source.failWith(() -> new NoClassDefFoundError("com/example/IssuerClient"));
		ConductorTokenManager manager = manager((builder) -> builder.recoverAfterFatal(true));
		manager.start();
		this.scheduler.awaitIdle();
		for (int i = 0; i < 4; i++) {
			this.scheduler.runNext();
		}
		assertThat(this.events.fatal()).hasSize(1);
		assertThat(this.events.failed()).hasSize(4)
			.allSatisfy(
					(event) -> assertThat(event.getCause()).hasMessageContaining(NoClassDefFoundError.class.getName()));
		assertThatExceptionOfType(FatalAuthenticationException.class).isThrownBy(manager::getToken);
		this.source.answer(() -> ConductorToken.of(TestTokens.opaque()));
		assertThat(this.scheduler.runNext()).isBetween(Duration.ofMillis(1), Duration.ofSeconds(30));
		assertThat(manager.getToken()).isEqualTo(this.source.lastIssued());
		assertThat(this.events.refreshed()).singleElement()
			.extracting(ConductorTokenRefreshedEvent::getReason)
			.isEqualTo(RefreshReason.RECOVERED);
		assertThat(manager.getStatus().fatal()).isFalse();
		assertThat(this.source.calls()).isEqualTo(6);
	}

	@Test
	void aRetryAfterOfTheSourceIsHonoured() {
		this.source.failWith(() -> new TokenMintException("issuer busy", null, Duration.ofSeconds(10)));
		manager(UnaryOperator.identity()).start();
		this.scheduler.awaitIdle();
		assertThat(this.events.failed()).singleElement()
			.extracting(ConductorTokenRefreshFailedEvent::getNextAttemptDelay)
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(this.scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.events.failed().get(0).getCause()).hasMessage("issuer busy");
	}

	@Test
	void aTokenThatCannotBeAHeaderValueIsAFailedAttempt() {
		this.source.answer(() -> ConductorToken.of(TestTokens.remember("abc\r\nX-Injected: 1")));
		ConductorTokenManager manager = manager(UnaryOperator.identity());
		manager.start();
		this.scheduler.awaitIdle();
		assertThat(this.events.failed()).singleElement()
			.satisfies((event) -> assertThat(event.getCause()).hasMessage(
					"Conductor token source in-memory issuer returned a token that holds characters an HTTP header cannot carry"));
		assertThat(manager.getTokenIfValid()).isNull();
	}

	@Test
	void noTokenMeansRequestsGoWithoutOneAndARejectionAsksTheSourceAgain() {
		this.source.answer(() -> null);
		ConductorTokenManager manager = manager(UnaryOperator.identity());
		manager.start();
		this.scheduler.awaitIdle();
		assertThat(manager.getToken()).isNull();
		assertThat(manager.getStatus().secured()).isFalse();
		assertThat(CapturingAppender.warnings()).filteredOn((line) -> line.contains("in-memory issuer"))
			.singleElement()
			.asString()
			.contains("Conductor token source in-memory issuer returned no token: requests go without one")
			.doesNotContain("404");
		this.source.answer(() -> ConductorToken.of(TestTokens.opaque()));
		CompletableFuture<String> replay = manager.replaceRejectedTokenAsync(null).toCompletableFuture();
		this.scheduler.awaitIdle();
		// a server that wants a token although its source returned none: a failed attempt
		assertThat(this.events.failed()).singleElement()
			.satisfies((event) -> assertThat(event.getCause())
				.hasMessageContaining("its token source in-memory issuer had returned no token"));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(replay::join)
			.withCauseInstanceOf(TokenUnavailableException.class);
		this.scheduler.runNext();
		assertThat(manager.getToken()).isEqualTo(this.source.lastIssued());
		assertThat(manager.getStatus().secured()).isTrue();
		assertThat(this.source.calls()).isEqualTo(2);
	}

	@Test
	void aRejectedTokenIsReplacedWithOneCallOfTheSourceForManyCallers() throws Exception {
		this.source.answer(() -> ConductorToken.of(TestTokens.opaque()));
		ConductorTokenManager manager = manager(UnaryOperator.identity());
		String rejected = startAndAwaitToken(manager);
		manager.tokenAccepted(rejected);
		this.clock.advance(Duration.ofMinutes(1));
		this.scheduler.hold();
		List<Thread> callers = new ArrayList<>();
		List<CompletableFuture<String>> replays = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			CompletableFuture<String> replay = new CompletableFuture<>();
			replays.add(replay);
			Thread caller = new Thread(() -> {
				try {
					replay.complete(manager.replaceRejectedToken(rejected));
				}
				catch (RuntimeException ex) {
					replay.completeExceptionally(ex);
				}
			});
			callers.add(caller);
			caller.start();
		}
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> callers.stream().allMatch((caller) -> caller.getState() == Thread.State.TIMED_WAITING));
		this.scheduler.release();
		this.scheduler.awaitIdle();
		for (CompletableFuture<String> replay : replays) {
			assertThat(replay.get()).isEqualTo(this.source.lastIssued()).isNotEqualTo(rejected);
		}
		assertThat(this.source.calls()).isEqualTo(2);
		// called on the manager's thread, never a caller's
		assertThat(this.source.threads()).containsOnly("manual-scheduler");
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getReason)
			.containsExactly(RefreshReason.INITIAL, RefreshReason.REJECTED);
	}

	@Test
	void aCallerWhoWaitsInVainIsToldTheSourceHasNotAnsweredYet() {
		this.source.answer(() -> ConductorToken.of(TestTokens.opaque()));
		ConductorTokenManager manager = manager((builder) -> builder.acquireTimeout(Duration.ofMillis(100)));
		// the attempt is scheduled, but does not run while the caller waits
		this.scheduler.hold();
		assertThatExceptionOfType(TokenUnavailableException.class).isThrownBy(manager::getToken)
			.withMessage("No Conductor token within PT0.1S: the token source has not answered yet");
		this.scheduler.release();
		this.scheduler.awaitIdle();
		assertThat(manager.getToken()).isEqualTo(this.source.lastIssued());
		assertThat(this.source.calls()).isEqualTo(1);
	}

	@Test
	void theManagerLeavesASourceItWasHandedOpen() {
		this.source.answer(() -> ConductorToken.of(TestTokens.opaque()));
		ConductorTokenManager manager = manager(UnaryOperator.identity());
		startAndAwaitToken(manager);
		manager.close();
		assertThat(this.source.closed).isFalse();
	}

	@Test
	void timeoutsBelongToTheOrkesSourceOnly() {
		assertThatIllegalStateException().isThrownBy(
				() -> ConductorTokenManager.builder(this.source).timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)))
			.withMessage("Timeouts apply to the Orkes token endpoint only: "
					+ "token source in-memory issuer bounds its own calls");
	}

	@Test
	void describesItselfByItsSource() {
		ConductorTokenManagerBuilder builder = ConductorTokenManager.builder(this.source);
		assertThat(builder).hasToString("ConductorTokenManagerBuilder[in-memory issuer]");
		assertThat(builder.build()).hasToString("ConductorTokenManager[in-memory issuer]");
	}

	@Test
	void describesAnOrkesBuilderWithoutCredentials() {
		ConductorTokenManagerBuilder builder = ConductorTokenManager.builder(
				java.net.URI.create("https://user:password@conductor.example/api/token?key=x"), TestTokens.KEY_ID,
				TestTokens.KEY_SECRET);
		assertThat(builder)
			.hasToString("ConductorTokenManagerBuilder[POST https://conductor.example/api/token, keyId=test-key-id]");
	}

	private ConductorTokenManager manager(UnaryOperator<ConductorTokenManagerBuilder> customizer) {
		return this.fixture.manager(this.source, customizer);
	}

	private String startAndAwaitToken(ConductorTokenManager manager) {
		manager.start();
		this.scheduler.awaitIdle();
		String token = manager.getToken();
		assertThat(token).isNotNull().isEqualTo(this.source.lastIssued());
		return token;
	}

	/**
	 * An issuer in memory: it answers with what the test set last, remembers what it
	 * issued, counts its calls and the threads they came on, and can be closed.
	 */
	private static final class InMemorySource implements ConductorTokenSource, AutoCloseable {

		private volatile Supplier<@Nullable ConductorToken> answer = () -> {
			throw new TokenMintException("no answer set", null);
		};

		private final Queue<String> issued = new ConcurrentLinkedQueue<>();

		private final List<String> threads = new CopyOnWriteArrayList<>();

		private volatile boolean closed;

		void answer(Supplier<@Nullable ConductorToken> answer) {
			this.answer = answer;
		}

		void failWith(Supplier<? extends Throwable> failure) {
			this.answer = () -> sneakyThrow(failure.get());
		}

		@Override
		public @Nullable ConductorToken obtainToken() {
			this.threads.add(Thread.currentThread().getName());
			ConductorToken token = this.answer.get();
			if (token != null) {
				this.issued.add(token.value());
			}
			return token;
		}

		int calls() {
			return this.threads.size();
		}

		List<String> threads() {
			return this.threads;
		}

		@Nullable String lastIssued() {
			String last = null;
			for (String token : this.issued) {
				last = token;
			}
			return last;
		}

		@Override
		public void close() {
			this.closed = true;
		}

		@Override
		public String toString() {
			return "in-memory issuer";
		}

		@SuppressWarnings("unchecked")
		private static <T extends Throwable> ConductorToken sneakyThrow(Throwable failure) throws T {
			throw (T) failure;
		}

	}

}
