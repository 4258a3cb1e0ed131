package dev.conductor.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.conductor.auth.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Expiry from the JWT {@code exp} claim or the TTL, and the clamped margins.
 */
class TokenLifetimeTests {

	private static final long MINTED = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

	private final TokenLifetime lifetime = new TokenLifetime(Duration.ofMinutes(45), Duration.ofMinutes(5),
			Duration.ofSeconds(30));

	@Test
	void expiryComesFromTheExpClaim() {
		Instant exp = Instant.ofEpochMilli(MINTED).plus(Duration.ofHours(1));
		TokenState state = this.lifetime.stateOf(ConductorToken.of(TestTokens.jwt(exp)), MINTED, 0);
		assertThat(state.expiresAt()).isEqualTo(exp);
		assertThat(state.dueAt()).isEqualTo(exp.minus(Duration.ofMinutes(5)).toEpochMilli());
		assertThat(state.expiredAt()).isEqualTo(exp.minus(Duration.ofSeconds(30)).toEpochMilli());
	}

	@Test
	void anOpaqueTokenLivesForTheTtl() {
		TokenState state = this.lifetime.stateOf(ConductorToken.of(TestTokens.opaque()), MINTED, 0);
		assertThat(state.expiresAt()).isEqualTo(Instant.ofEpochMilli(MINTED).plus(Duration.ofMinutes(45)));
	}

	@Test
	void aJwtWithoutExpLivesForTheTtl() {
		String token = jwt("{\"sub\":\"x\"}");
		assertThat(this.lifetime.stateOf(ConductorToken.of(token), MINTED, 0).expiresAt())
			.isEqualTo(Instant.ofEpochMilli(MINTED).plus(Duration.ofMinutes(45)));
	}

	@Test
	void aJwtWhosePayloadIsNotJsonLivesForTheTtl() {
		String token = "eyJhbGciOiJIUzI1NiJ9." + encode("not json") + ".c2ln";
		assertThat(this.lifetime.stateOf(ConductorToken.of(TestTokens.remember(token)), MINTED, 0).expiresAt())
			.isEqualTo(Instant.ofEpochMilli(MINTED).plus(Duration.ofMinutes(45)));
	}

	@Test
	void aNonNumericExpIsIgnored() {
		String token = jwt("{\"exp\":\"tomorrow\"}");
		assertThat(this.lifetime.stateOf(ConductorToken.of(token), MINTED, 0).expiresAt())
			.isEqualTo(Instant.ofEpochMilli(MINTED).plus(Duration.ofMinutes(45)));
	}

	@Test
	void aTenSecondTokenIsDueAtHalfAndExpiredAtThreeQuartersOfItsLife() {
		Instant exp = Instant.ofEpochMilli(MINTED).plusSeconds(10);
		TokenState state = this.lifetime.stateOf(ConductorToken.of(TestTokens.jwt(exp)), MINTED, 0);
		assertThat(state.dueAt() - MINTED).isEqualTo(5_000);
		assertThat(state.expiredAt() - MINTED).isEqualTo(7_500);
		assertThat(state.isUsable(MINTED)).isTrue();
	}

	@Test
	void aRefreshMarginBelowTheSkewMakesTheTokenDueWhenItExpires() {
		TokenLifetime shortMargin = new TokenLifetime(Duration.ofMinutes(45), Duration.ofSeconds(10),
				Duration.ofSeconds(30));
		TokenState state = shortMargin.stateOf(ConductorToken.of(TestTokens.opaque()), MINTED, 0);
		assertThat(state.dueAt()).isEqualTo(state.expiredAt());
	}

	@Test
	void aTokenThatExpiredBeforeItsMintIsAFailedAttempt() {
		Instant exp = Instant.ofEpochMilli(MINTED).minusSeconds(90);
		assertThatExceptionOfType(TokenMintException.class)
			.isThrownBy(() -> this.lifetime.stateOf(ConductorToken.of(TestTokens.jwt(exp)), MINTED, 0))
			.withMessageContaining(
					"expired at 2025-12-31T23:58:30Z, PT1M30S before it was issued by this machine's clock")
			.withMessageContaining("check the clocks");
	}

	@Test
	void anExpiresAtOfTheSourceWinsOverTheExpClaim() {
		Instant arrived = Instant.ofEpochMilli(MINTED);
		ConductorToken token = ConductorToken.of(TestTokens.jwt(arrived.plus(Duration.ofHours(1))),
				arrived.plus(Duration.ofMinutes(10)), null);
		assertThat(this.lifetime.stateOf(token, MINTED, 0).expiresAt()).isEqualTo(arrived.plus(Duration.ofMinutes(10)));
	}

	@Test
	void anExpiresAtWithAnIssuedAtLivesTheirDifferenceOnAnIssuerClockHoursAway() {
		Instant issuerNow = Instant.ofEpochMilli(MINTED).minus(Duration.ofHours(7));
		ConductorToken token = ConductorToken.of(TestTokens.opaque(), issuerNow.plusMillis(1500), issuerNow);
		TokenState state = this.lifetime.stateOf(token, MINTED, 0);
		assertThat(state.expiresAt()).isEqualTo(Instant.ofEpochMilli(MINTED + 1500));
		assertThat(state.expiredAt() - MINTED).isEqualTo(1500 - 375);
	}

	@Test
	void anExpiresAtOfInstantMaxDoesNotOverflow() {
		ConductorToken token = ConductorToken.of(TestTokens.opaque(), Instant.MAX, Instant.MIN);
		TokenState state = this.lifetime.stateOf(token, MINTED, 0);
		assertThat(state.expiresAt()).isAfter(Instant.parse("5000-01-01T00:00:00Z"));
		assertThat(state.dueAt()).isGreaterThan(MINTED);
	}

	@Test
	void aJwtWithoutIatIsMeasuredAgainstTheIssuedAtOfTheSource() {
		Instant issuerNow = Instant.ofEpochMilli(MINTED).plus(Duration.ofHours(2));
		ConductorToken token = new ConductorToken(TestTokens.jwt(issuerNow.plus(Duration.ofMinutes(20))), null,
				issuerNow);
		assertThat(this.lifetime.stateOf(token, MINTED, 0).expiresAt())
			.isEqualTo(Instant.ofEpochMilli(MINTED).plus(Duration.ofMinutes(20)));
	}

	@Test
	void anExpiresAtBeforeItsIssuedAtIsAFailedAttemptEvenWhereTheClocksAgree() {
		Instant arrived = Instant.ofEpochMilli(MINTED);
		// this machine half a second behind the issuer: measured on it, the token would
		// live a moment
		ConductorToken token = ConductorToken.of(TestTokens.opaque(), arrived.plusMillis(200), arrived.plusMillis(500));
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(() -> this.lifetime.stateOf(token, MINTED, 0))
			.withMessageContaining("expired at 2026-01-01T00:00:00.200Z, PT0.3S before it was issued by its issuedAt")
			.withMessageNotContaining(token.value());
	}

	@Test
	void aRejectedCopyIsExpiredFromThatMomentOn() {
		TokenState state = this.lifetime.stateOf(ConductorToken.of(TestTokens.opaque()), MINTED, 3);
		TokenState rejected = state.rejectedAt(MINTED + 1000);
		assertThat(rejected.isUsable(MINTED + 999)).isTrue();
		assertThat(rejected.isUsable(MINTED + 1000)).isFalse();
		assertThat(rejected.value()).isEqualTo(state.value());
		assertThat(rejected.failuresBefore()).isEqualTo(3);
	}

	@Test
	void describesItselfWithoutTheToken() {
		TokenState state = this.lifetime.stateOf(ConductorToken.of(TestTokens.opaque()), MINTED, 0);
		assertThat(state.toString()).doesNotContain(state.value()).contains("expiresAt");
	}

	private static String jwt(String payload) {
		return TestTokens.remember("eyJhbGciOiJIUzI1NiJ9." + encode(payload) + ".c2ln");
	}

	private static String encode(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
