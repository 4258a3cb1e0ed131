package dev.conductor.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.conductor.auth.test.TokenServer.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token's life is measured on the server's clock and anchored at the moment its answer
 * arrived here: clocks that disagree by any amount cause neither a mint storm nor a false
 * fatal state, and very short tokens do not turn the manager into a mint loop.
 */
class ConductorTokenManagerClockTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	@RegisterExtension
	final TokenManagerFixture fixture = new TokenManagerFixture(server);

	private final MutableClock clock = this.fixture.clock();

	private final ManualTaskScheduler scheduler = this.fixture.scheduler();

	private final RecordingEvents events = this.fixture.events();

	@Test
	void aMachine44MinutesAheadOfTheServerMintsOncePerTokenLife() {
		assertOneMintPerTokenLife(Duration.ofMinutes(44).plusSeconds(57));
	}

	@Test
	void aMachineMoreThanATokenLifeAheadOfTheServerKeepsWorking() {
		assertOneMintPerTokenLife(Duration.ofHours(2));
	}

	@Test
	void aMachineBehindTheServerReplacesTheTokenBeforeTheServerSaysItExpired() {
		assertOneMintPerTokenLife(Duration.ofHours(-2));
	}

	private void assertOneMintPerTokenLife(Duration machineAhead) {
		server.clock(Clock.offset(this.clock, machineAhead.negated())).lifetime(Duration.ofMinutes(45)).issuesTokens();
		ConductorTokenManager manager = manager();
		manager.start();
		this.scheduler.awaitIdle();
		for (int step = 0; step < 2 * 60 * 6; step++) {
			assertThat(manager.getToken()).isEqualTo(server.lastIssued());
			this.scheduler.advance(Duration.ofSeconds(10));
		}
		// due 5 min before its end: a mint every 40 min, 4 in two hours
		assertThat(server.mintCount()).isEqualTo(4);
		assertThat(this.events.failed()).isEmpty();
		assertThat(this.events.refreshed()).extracting(ConductorTokenRefreshedEvent::getExpiresAt)
			.first()
			.isEqualTo(Instant.parse("2026-01-01T00:45:00Z"));
	}

	@Test
	void aTokenWithoutIatIsMeasuredAgainstTheDateOfTheAnswer() {
		Instant serverNow = this.clock.instant().minus(Duration.ofHours(3));
		String token = TestTokens.jwt(serverNow.plus(Duration.ofMinutes(30)));
		server.wiremock()
			.stubFor(tokenRequest().willReturn(okJson("{\"token\":\"" + token + "\"}").withHeader("Date",
					DateTimeFormatter.RFC_1123_DATE_TIME.format(serverNow.atZone(ZoneOffset.UTC)))));
		ConductorTokenManager manager = manager();
		assertThat(manager.getToken()).isEqualTo(token);
		assertThat(this.events.refreshed()).singleElement()
			.extracting(ConductorTokenRefreshedEvent::getExpiresAt)
			.isEqualTo(this.clock.instant().plus(Duration.ofMinutes(30)));
	}

	@Test
	void oneSecondTokensAreMintedAtMostAboutTwiceASecond() {
		server.clock(this.clock).lifetime(Duration.ofSeconds(1)).issuesTokens();
		ConductorTokenManager manager = manager();
		manager.start();
		this.scheduler.awaitIdle();
		for (int step = 0; step < 50; step++) {
			assertThat(manager.getToken()).isEqualTo(server.lastIssued());
			this.scheduler.advance(Duration.ofMillis(100));
		}
		// exp counts whole seconds, so on clocks that agree a "1 s" token really lives 0
		// to
		// 1 s; due no sooner than 1 s after its mint, unless no longer sent by then: 11
		// mints in 5 s (21 without the floor), never one per call
		assertThat(server.mintCount()).isBetween(5, 12);
	}

	@Test
	void theDefaultClockIgnoresJumpsOfTheWallClock() {
		MutableClock wall = new MutableClock();
		AtomicLong nanos = new AtomicLong(123_456_789L);
		MonotonicClock clock = new MonotonicClock(wall, nanos::get);
		long start = clock.millis();
		assertThat(start).isEqualTo(wall.millis());
		wall.advance(Duration.ofHours(3));
		nanos.addAndGet(Duration.ofSeconds(5).toNanos());
		assertThat(clock.millis()).isEqualTo(start + 5000);
		wall.advance(Duration.ofHours(-6));
		nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(clock.instant()).isEqualTo(Instant.ofEpochMilli(start + 6000));
	}

	private ConductorTokenManager manager() {
		return this.fixture.manager(UnaryOperator.identity());
	}

}
