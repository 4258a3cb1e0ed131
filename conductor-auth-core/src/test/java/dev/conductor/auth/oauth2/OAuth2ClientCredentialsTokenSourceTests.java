package dev.conductor.auth.oauth2;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.token.ConductorToken;
import dev.conductor.auth.token.TokenMintException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The client credentials token request and every kind of answer, against a real HTTP
 * issuer.
 */
class OAuth2ClientCredentialsTokenSourceTests {

	private static final String TOKEN_PATH = "/realms/conductor/protocol/openid-connect/token";

	private static final String CLIENT_ID = "conductor-app";

	@RegisterExtension
	static final WireMockExtension issuer = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final List<OAuth2ClientCredentialsTokenSource> sources = new ArrayList<>();

	@AfterEach
	void closeSources() {
		this.sources.forEach(OAuth2ClientCredentialsTokenSource::close);
	}

	@Test
	void requestsATokenWithTheClientCredentialsGrantAndBasicAuthentication() {
		String token = TestTokens.opaque();
		issuer.stubFor(tokenRequest().willReturn(tokenResponse(token, 300)));
		assertThat(source().obtainToken().value()).isEqualTo(token);
		assertThat(tokenRequests()).singleElement().satisfies((request) -> {
			assertThat(request.getMethod().getName()).isEqualTo("POST");
			assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
			assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
				.encodeToString((CLIENT_ID + ":" + TestTokens.KEY_SECRET).getBytes(StandardCharsets.UTF_8)));
			assertThat(formOf(request)).containsExactlyInAnyOrder("grant_type=client_credentials", "scope=conductor");
		});
	}

	@Test
	void sendsTheClientSecretInTheFormWhenConfiguredForPost() {
		issuer.stubFor(tokenRequest().willReturn(tokenResponse(TestTokens.opaque(), 300)));
		source((registration) -> registration.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST))
			.obtainToken();
		assertThat(tokenRequests()).singleElement().satisfies((request) -> {
			assertThat(request.containsHeader("Authorization")).isFalse();
			assertThat(formOf(request)).containsExactlyInAnyOrder("grant_type=client_credentials", "scope=conductor",
					"client_id=" + CLIENT_ID, "client_secret=" + TestTokens.KEY_SECRET);
		});
	}

	@Test
	void readsTheTokensLifeFromExpiresIn() {
		issuer.stubFor(tokenRequest().willReturn(tokenResponse(TestTokens.opaque(), 3600)));
		Instant before = Instant.now();
		ConductorToken token = source().obtainToken();
		assertThat(token.issuedAt()).isBetween(before, Instant.now());
		assertThat(Duration.between(token.issuedAt(), token.expiresAt())).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void aResponseWithoutExpiresInLeavesTheLifeToTheToken() {
		// Spring Security reads it as a life of one second
		String token = TestTokens.jwt(Instant.now().plusSeconds(600));
		issuer.stubFor(
				tokenRequest().willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\"}")));
		assertThat(source().obtainToken()).isEqualTo(ConductorToken.of(token));
	}

	@Test
	void everyCallIsATokenRequestOfItsOwn() {
		String first = TestTokens.opaque();
		String second = TestTokens.opaque();
		issuer.stubFor(tokenRequest().inScenario("tokens")
			.whenScenarioStateIs(STARTED)
			.willReturn(tokenResponse(first, 3600))
			.willSetStateTo("second"));
		issuer.stubFor(tokenRequest().inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(tokenResponse(second, 3600)));
		OAuth2ClientCredentialsTokenSource source = source();
		assertThat(source.obtainToken().value()).isEqualTo(first);
		assertThat(source.obtainToken().value()).isEqualTo(second);
		assertThat(tokenRequests()).hasSize(2);
	}

	@Test
	void invalidClientIsAFailedAttemptThatNamesTheRegistrationAndTheIssuer() {
		issuer.stubFor(tokenRequest().willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials\"}")));
		assertFails(source(), "OAuth2 client credentials 'conductor' at " + issuer.baseUrl() + TOKEN_PATH
				+ " answered 401 Unauthorized: error=invalid_client, error_description=Invalid client credentials");
	}

	@Test
	void badRequestIsAFailedAttemptWithItsOAuth2Error() {
		issuer.stubFor(tokenRequest().willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_scope\",\"error_description\":\"Scope conductor is unknown\"}")));
		assertFails(source(), "at " + issuer.baseUrl() + TOKEN_PATH
				+ " answered error=invalid_scope, error_description=Scope conductor is unknown");
	}

	@Test
	void serverErrorIsAFailedAttempt() {
		issuer.stubFor(tokenRequest().willReturn(aResponse().withStatus(500).withBody("oops")));
		assertFails(source(), "answered 500 Internal Server Error (4 bytes)");
	}

	@Test
	void serviceUnavailableCarriesItsRetryAfterInSeconds() {
		issuer.stubFor(tokenRequest().willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(source()::obtainToken)
			.withMessageContaining("answered 503 Service Unavailable")
			.withMessageContaining("asked to retry after PT7S")
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(7)));
	}

	@Test
	void tooManyRequestsCarriesItsRetryAfterAsAnHttpDate() {
		Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
		issuer.stubFor(tokenRequest()
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "Thu, 01 Jan 2026 00:01:30 GMT")));
		OAuth2ClientCredentialsTokenSource source = track(
				new OAuth2ClientCredentialsTokenSource(registration((registration) -> {
				}), Duration.ofSeconds(2), Duration.ofSeconds(10), clock));
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(source::obtainToken)
			.withMessageContaining("answered 429 Too Many Requests")
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(90)));
	}

	@Test
	void malformedJsonIsAFailedAttempt() {
		issuer.stubFor(tokenRequest().willReturn(okJson("{\"access_token\":")));
		assertFails(source(), "answered an access token response that cannot be read");
	}

	@Test
	void anAnswerWithoutAnAccessTokenIsAFailedAttempt() {
		issuer.stubFor(tokenRequest().willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":300}")));
		// Spring Security says why in its own words, which change between its lines
		// ("tokenValue cannot be empty" on 7.0, "Missing required parameter:
		// access_token"
		// on 7.1)
		assertFails(source(), "answered an access token response that cannot be read: IllegalArgumentException: ");
	}

	@Test
	void anAnswerWithoutATokenTypeIsAFailedAttempt() {
		issuer.stubFor(tokenRequest()
			.willReturn(okJson("{\"access_token\":\"" + TestTokens.opaque() + "\",\"expires_in\":300}")));
		assertFails(source(),
				"answered an access token response that cannot be read: IllegalArgumentException: tokenType cannot be null");
	}

	@Test
	void anErrorThatEchoesTheSecretDoesNotRepeatIt() {
		issuer.stubFor(tokenRequest().willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Secret " + TestTokens.KEY_SECRET
					+ " is wrong\"}")));
		assertFails(source(), "error_description=Secret ****** is wrong");
	}

	@Test
	void anErrorWithUnicodeLineBreaksCannotForgeALogLine() {
		issuer.stubFor(tokenRequest().willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"{\"error\":\"invalid_client\",\"error_description\":\"bad\u0085ERROR forged\u2028line\u202e\"}")));
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(source()::obtainToken)
			.withMessageContaining("error_description=bad ERROR forged line ")
			.satisfies((ex) -> assertThat(ex.getMessage().codePoints())
				.noneMatch((ch) -> Character.isISOControl(ch) || ch == 0x2028 || ch == 0x202e));
	}

	@Test
	void aHungIssuerIsAFailedAttemptWithinTheReadTimeout() {
		issuer.stubFor(tokenRequest().willReturn(tokenResponse(TestTokens.opaque(), 300).withFixedDelay(3000)));
		// the message says the timeout ended it, not the answer 3 s later
		assertFails(source(Duration.ofMillis(500)), "failed: no complete answer within PT0.5S");
	}

	@Test
	void connectionRefusedIsAFailedAttempt() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String tokenUri = "http://127.0.0.1:" + closedPort + TOKEN_PATH;
		OAuth2ClientCredentialsTokenSource source = track(
				new OAuth2ClientCredentialsTokenSource(registration((registration) -> registration.tokenUri(tokenUri)),
						Duration.ofSeconds(2), Duration.ofSeconds(2)));
		assertFails(source, "OAuth2 client credentials 'conductor' at " + tokenUri + " failed: ConnectException");
	}

	@Test
	void aRedirectIsNotFollowed() {
		issuer.stubFor(tokenRequest()
			.willReturn(aResponse().withStatus(302).withHeader("Location", issuer.baseUrl() + "/elsewhere")));
		issuer.stubFor(post(urlPathEqualTo("/elsewhere")).willReturn(tokenResponse(TestTokens.opaque(), 300)));
		assertFails(source(), "answered 302 Found, a redirect, which it does not follow");
		assertThat(issuer.findAll(anyRequestedFor(anyUrl()))).singleElement()
			.satisfies((request) -> assertThat(request.getUrl()).isEqualTo(TOKEN_PATH));
	}

	@Test
	void aTokenTypeOtherThanBearerIsAFailedAttempt() {
		issuer.stubFor(tokenRequest().willReturn(okJson(
				"{\"access_token\":\"" + TestTokens.opaque() + "\",\"token_type\":\"DPoP\",\"expires_in\":300}")));
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(source()::obtainToken)
			.withMessageContaining("'conductor'");
	}

	@Test
	void closeStopsItsThreads() {
		Set<Thread> before = sourceThreads();
		issuer.stubFor(tokenRequest().willReturn(tokenResponse(TestTokens.opaque(), 300)));
		OAuth2ClientCredentialsTokenSource source = source();
		source.obtainToken();
		assertThat(sourceThreads()).isNotEmpty()
			.allMatch(Thread::isDaemon)
			.satisfies((threads) -> assertThat(threads).isNotEqualTo(before));
		source.close();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sourceThreads()).isSubsetOf(before));
	}

	@Test
	void aRegistrationOfAnotherGrantTypeIsRejected() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("conductor")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.clientId(CLIENT_ID)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.authorizationUri(issuer.baseUrl() + "/auth")
			.tokenUri(issuer.baseUrl() + TOKEN_PATH)
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OAuth2ClientCredentialsTokenSource(registration, Duration.ofSeconds(1),
					Duration.ofSeconds(1)))
			.withMessage("OAuth2 client registration 'conductor' has grant type 'authorization_code', "
					+ "not 'client_credentials'");
	}

	@Test
	void toStringNamesTheRegistrationAndTheTokenUriButNoCredentials() {
		String tokenUri = "https://user:" + TestTokens.KEY_SECRET + "@issuer.example.com" + TOKEN_PATH;
		OAuth2ClientCredentialsTokenSource source = track(
				new OAuth2ClientCredentialsTokenSource(registration((registration) -> registration.tokenUri(tokenUri)),
						Duration.ofSeconds(1), Duration.ofSeconds(1)));
		assertThat(source)
			.hasToString("OAuth2 client credentials 'conductor' at https://issuer.example.com" + TOKEN_PATH);
	}

	private void assertFails(OAuth2ClientCredentialsTokenSource source, String message) {
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(source::obtainToken)
			.withMessageContaining(message)
			.withMessageContaining("'conductor'")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(TestTokens.KEY_SECRET));
	}

	private static MappingBuilder tokenRequest() {
		return post(urlPathEqualTo(TOKEN_PATH));
	}

	private static ResponseDefinitionBuilder tokenResponse(String token, int expiresIn) {
		return okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
				+ ",\"scope\":\"conductor\"}");
	}

	private static List<LoggedRequest> tokenRequests() {
		return issuer
			.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	private static List<String> formOf(LoggedRequest request) {
		return List.of(request.getBodyAsString().split("&"))
			.stream()
			.map((pair) -> URLDecoder.decode(pair, StandardCharsets.UTF_8))
			.toList();
	}

	private static Set<Thread> sourceThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(TokenEndpointClient.THREAD_NAME_PREFIX) && thread.isAlive())
			.collect(Collectors.toSet());
	}

	/**
	 * A source with the time a loaded machine may need for an answer: the tests are about
	 * what comes back, not how fast (but for the read timeout's own).
	 */
	private OAuth2ClientCredentialsTokenSource source() {
		return source(Duration.ofSeconds(10));
	}

	private OAuth2ClientCredentialsTokenSource source(Duration readTimeout) {
		return track(new OAuth2ClientCredentialsTokenSource(registration((registration) -> {
		}), Duration.ofSeconds(2), readTimeout));
	}

	private OAuth2ClientCredentialsTokenSource source(Consumer<ClientRegistration.Builder> customizer) {
		return track(new OAuth2ClientCredentialsTokenSource(registration(customizer), Duration.ofSeconds(2),
				Duration.ofSeconds(10)));
	}

	private OAuth2ClientCredentialsTokenSource track(OAuth2ClientCredentialsTokenSource source) {
		this.sources.add(source);
		return source;
	}

	private static ClientRegistration registration(Consumer<ClientRegistration.Builder> customizer) {
		ClientRegistration.Builder builder = ClientRegistration.withRegistrationId("conductor")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientId(CLIENT_ID)
			.clientSecret(TestTokens.KEY_SECRET)
			.scope("conductor")
			.tokenUri(issuer.baseUrl() + TOKEN_PATH);
		customizer.accept(builder);
		return builder.build();
	}

}
