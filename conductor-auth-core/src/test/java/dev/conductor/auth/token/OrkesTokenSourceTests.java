package dev.conductor.auth.token;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.conductor.auth.test.TokenServer.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token request and every kind of answer, against a real HTTP server.
 */
class OrkesTokenSourceTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	private final List<OrkesTokenSource> endpoints = new ArrayList<>();

	@AfterEach
	void closeEndpoints() {
		this.endpoints.forEach(OrkesTokenSource::close);
	}

	@Test
	void postsTheKeyAsJsonAndReadsTheToken() {
		server.issuesTokens();
		String token = endpoint(server.tokenUri()).obtainToken().value();
		assertThat(token).isEqualTo(server.lastIssued());
		assertThat(server.tokenRequests()).singleElement().satisfies((request) -> {
			assertThat(request.getMethod().getName()).isEqualTo("POST");
			assertThat(request.getUrl()).isEqualTo("/api/token");
			assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
			assertThat(request.getHeader("Accept")).contains("application/json");
			assertThat(request.containsHeader("X-Authorization")).isFalse();
			assertThat(equalToJson(
					"{\"keyId\":\"" + TestTokens.KEY_ID + "\",\"keySecret\":\"" + TestTokens.KEY_SECRET + "\"}")
				.match(request.getBodyAsString())
				.isExactMatch()).isTrue();
		});
	}

	@Test
	void theDateOfTheAnswerIsTheTokensIssuedAt() {
		String issued = TestTokens.opaque();
		server.wiremock()
			.stubFor(tokenRequest().willReturn(
					okJson("{\"token\":\"" + issued + "\"}").withHeader("Date", "Wed, 31 Dec 2025 21:00:00 GMT")));
		ConductorToken token = endpoint(server.tokenUri()).obtainToken();
		assertThat(token).isNotNull();
		assertThat(token.value()).isEqualTo(issued);
		assertThat(token.expiresAt()).isNull();
		assertThat(token.issuedAt()).isEqualTo(Instant.parse("2025-12-31T21:00:00Z"));
	}

	@Test
	void escapesCredentialsThatNeedIt() {
		server.issuesTokens();
		OrkesTokenSource endpoint = new OrkesTokenSource(server.tokenUri(), "id\"with\\quotes", TestTokens.KEY_SECRET,
				Duration.ofSeconds(2), Duration.ofSeconds(2));
		this.endpoints.add(endpoint);
		endpoint.obtainToken();
		server.wiremock()
			.verify(postRequestedFor(urlEqualTo("/api/token")).withRequestBody(equalToJson(
					"{\"keyId\":\"id\\\"with\\\\quotes\",\"keySecret\":\"" + TestTokens.KEY_SECRET + "\"}")));
	}

	@Test
	void notFoundMeansTheServerHasNoSecurity() {
		server.wiremock().stubFor(tokenRequest().willReturn(aResponse().withStatus(404)));
		assertThat(endpoint(server.tokenUri()).obtainToken()).isNull();
	}

	@Test
	void connectionRefusedIsAFailedAttempt() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		assertFails(endpoint(URI.create("http://127.0.0.1:" + closedPort + "/api/token")),
				"POST http://127.0.0.1:" + closedPort + "/api/token failed: ConnectException");
	}

	@Test
	void readTimeoutIsAFailedAttempt() {
		server.wiremock().stubFor(tokenRequest().willReturn(TokenServer.issuedToken().withFixedDelay(3000)));
		assertFails(endpoint(server.tokenUri(), Duration.ofMillis(500)), "failed: no complete answer within PT0.5S");
	}

	@Test
	void serverErrorIsAFailedAttempt() {
		server.wiremock().stubFor(tokenRequest().willReturn(aResponse().withStatus(503).withBody("busy")));
		assertFails(endpoint(server.tokenUri()), "answered 503 Service Unavailable (no content type, 4 bytes)");
	}

	@Test
	void tooManyRequestsCarriesItsRetryAfterInSeconds() {
		server.wiremock()
			.stubFor(tokenRequest().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(endpoint(server.tokenUri())::obtainToken)
			.withMessageContaining("answered 429 Too Many Requests")
			.withMessageContaining("asked to retry after PT7S")
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(7)));
	}

	@Test
	void serviceUnavailableCarriesItsRetryAfterAsAnHttpDate() {
		java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"),
				java.time.ZoneOffset.UTC);
		server.wiremock()
			.stubFor(tokenRequest()
				.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Thu, 01 Jan 2026 00:01:30 GMT")));
		OrkesTokenSource endpoint = new OrkesTokenSource(server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET,
				Duration.ofSeconds(2), Duration.ofSeconds(2), clock);
		this.endpoints.add(endpoint);
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(endpoint::obtainToken)
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(90)));
	}

	@Test
	void anUnreadableRetryAfterIsIgnored() {
		server.wiremock()
			.stubFor(tokenRequest().willReturn(aResponse().withStatus(503).withHeader("Retry-After", "soon")));
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(endpoint(server.tokenUri())::obtainToken)
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isNull());
	}

	@Test
	void unauthorizedFromTheTokenEndpointIsAFailedAttemptThatSaysWhy() {
		server.wiremock()
			.stubFor(tokenRequest().willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"INVALID_KEY\",\"message\":\"Key id or secret is wrong\"}")));
		assertFails(endpoint(server.tokenUri()),
				"answered 401 Unauthorized: error=INVALID_KEY, message=Key id or secret is wrong");
	}

	@Test
	void forbiddenFromTheTokenEndpointIsAFailedAttempt() {
		server.wiremock()
			.stubFor(tokenRequest().willReturn(aResponse().withStatus(403)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"status\":403,\"message\":\"Application is disabled\"}")));
		assertFails(endpoint(server.tokenUri()), "answered 403 Forbidden: message=Application is disabled");
	}

	@Test
	void anErrorThatEchoesTheSecretDoesNotRepeatIt() {
		server.wiremock()
			.stubFor(tokenRequest().willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"Secret " + TestTokens.KEY_SECRET + " is wrong\"}")));
		assertFails(endpoint(server.tokenUri()), "message=Secret ****** is wrong");
	}

	@Test
	void anErrorWithUnicodeLineBreaksCannotForgeALogLine() {
		// NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR, a C1 control and a bidi override:
		// none
		// is an ASCII control character, and the first three end a line for many log
		// readers
		String forged = "bad key\u0085ERROR forged\u2028line\u2029here\u009b2J\u202eevil";
		server.wiremock()
			.stubFor(tokenRequest().willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"INVALID\u2028KEY\",\"message\":\"" + forged + "\"}")));
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(endpoint(server.tokenUri())::obtainToken)
			.withMessageContaining("error=INVALID KEY, message=bad key ERROR forged line here 2J evil")
			.satisfies((ex) -> assertThat(ex.getMessage().codePoints())
				.noneMatch(OrkesTokenSourceTests::isUnsafeInALogLine));
	}

	@Test
	void aContentTypeWithUnicodeLineBreaksCannotForgeALogLine() {
		server.wiremock()
			.stubFor(tokenRequest().willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "text/plain; x=\"a\u0085ERROR forged\"")
				.withBody("x")));
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(endpoint(server.tokenUri())::obtainToken)
			.withMessageContaining("answered 503")
			.satisfies((ex) -> assertThat(ex.getMessage().codePoints())
				.noneMatch(OrkesTokenSourceTests::isUnsafeInALogLine));
	}

	@Test
	void aMalformedContentTypeIsAFailedAttemptWithoutOne() {
		server.wiremock()
			.stubFor(tokenRequest()
				.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/pl\u0085ain").withBody("x")));
		assertFails(endpoint(server.tokenUri()),
				"answered 200 with a body that is not JSON (no content type, 1 bytes)");
	}

	@Test
	void htmlInsteadOfJsonIsAFailedAttempt() {
		server.wiremock()
			.stubFor(tokenRequest().willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/html")
				.withBody("<html><body>Sign in</body></html>")));
		assertFails(endpoint(server.tokenUri()), "answered 200 with a body that is not JSON (text/html, 33 bytes)");
	}

	@Test
	void jsonWithoutATokenIsAFailedAttempt() {
		server.wiremock().stubFor(tokenRequest().willReturn(okJson("{\"jwt\":\"abc\"}")));
		assertFails(endpoint(server.tokenUri()), "answered 200 without a \"token\" string");
	}

	@Test
	void aTokenThatIsNotAStringIsAFailedAttempt() {
		server.wiremock().stubFor(tokenRequest().willReturn(okJson("{\"token\":{\"value\":1}}")));
		assertFails(endpoint(server.tokenUri()), "answered 200 without a \"token\" string");
	}

	@Test
	void anEmptyTokenIsAFailedAttempt() {
		server.wiremock().stubFor(tokenRequest().willReturn(okJson("{\"token\":\"\"}")));
		assertFails(endpoint(server.tokenUri()), "answered 200 with an empty \"token\"");
	}

	@Test
	void aTokenThatCannotBeAHeaderValueIsAFailedAttempt() {
		server.wiremock().stubFor(tokenRequest().willReturn(okJson("{\"token\":\"abc\\r\\nX-Injected: 1\"}")));
		assertFails(endpoint(server.tokenUri()), "characters an HTTP header cannot carry");
	}

	@Test
	void aBodyOfSeveralMegabytesIsAFailedAttempt() {
		String huge = "{\"token\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}";
		server.wiremock().stubFor(tokenRequest().willReturn(okJson(huge)));
		assertFails(endpoint(server.tokenUri()), "answered 200 with a body larger than 65536 bytes");
	}

	@Test
	void describesItselfWithoutCredentials() {
		OrkesTokenSource endpoint = new OrkesTokenSource(URI.create("https://user:pw@conductor.example/api/token?x=1"),
				TestTokens.KEY_ID, TestTokens.KEY_SECRET, Duration.ofSeconds(1), Duration.ofSeconds(1));
		this.endpoints.add(endpoint);
		assertThat(endpoint).hasToString("POST https://conductor.example/api/token");
	}

	private static boolean isUnsafeInALogLine(int codePoint) {
		int type = Character.getType(codePoint);
		return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
				|| type == Character.FORMAT;
	}

	/**
	 * A source with the time a loaded machine may need for an answer: these tests are
	 * about what comes back, not how fast (but for the read timeout's own).
	 */
	private OrkesTokenSource endpoint(URI uri) {
		return endpoint(uri, Duration.ofSeconds(10));
	}

	private OrkesTokenSource endpoint(URI uri, Duration readTimeout) {
		OrkesTokenSource endpoint = new OrkesTokenSource(uri, TestTokens.KEY_ID, TestTokens.KEY_SECRET,
				Duration.ofSeconds(2), readTimeout);
		this.endpoints.add(endpoint);
		return endpoint;
	}

	private void assertFails(OrkesTokenSource endpoint, String expected) {
		assertThatExceptionOfType(TokenMintException.class).isThrownBy(endpoint::obtainToken)
			.withMessageContaining(expected)
			.withMessageNotContaining(TestTokens.KEY_SECRET)
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("Token endpoint POST "));
	}

}
