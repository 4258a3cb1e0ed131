package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.conductor.auth.sample.simulator.ConductorSimulator.Issuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator on its own, over HTTP: it issues tokens, answers each kind of bad token
 * the way a Conductor server does (or, in its OAuth2 mode, an OAuth2 issuer and a gateway
 * in front of the API), and obeys its controls.
 */
class ConductorSimulatorTests {

	private final SteppingClock clock = new SteppingClock();

	private final ConductorSimulator simulator = start();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void issuesHs256JwtsThatExpireAfterTheirLifetime() throws Exception {
		String token = token();
		String[] parts = token.split("\\.");
		assertThat(parts).hasSize(3);
		assertThat(decode(parts[0]).path("alg").asString()).isEqualTo("HS256");
		JsonNode claims = decode(parts[1]);
		assertThat(claims.path("sub").asString()).isEqualTo("id");
		assertThat(claims.path("exp").asLong()).isEqualTo(this.clock.instant().plusSeconds(30).getEpochSecond());
		assertThat(get("/api/metadata/workflow", token).statusCode()).isEqualTo(200);
		assertThat(this.simulator.tokensIssued()).isEqualTo(1);
	}

	@Test
	void refusesAWrongKey() throws Exception {
		HttpResponse<String> response = post("/api/token", "{\"keyId\":\"id\",\"keySecret\":\"wrong\"}");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("message").asString()).isEqualTo("Invalid application key id or secret");
		assertThat(post("/api/token", "not json").statusCode()).isEqualTo(401);
	}

	@Test
	void aMissingTokenIsInvalid() throws Exception {
		assertTokenError(get("/api/metadata/workflow", null), 401, "INVALID_TOKEN", "Token cannot be null or empty");
	}

	@Test
	void anUnknownTokenIsInvalid() throws Exception {
		String token = token();
		String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
		assertTokenError(get("/api/metadata/workflow", forged), 401, "INVALID_TOKEN", "Invalid token");
		assertTokenError(get("/api/metadata/workflow", "not-a-jwt"), 401, "INVALID_TOKEN", "Invalid token");
	}

	@Test
	void anExpiredTokenIsExpired() throws Exception {
		String token = token();
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(get("/api/metadata/workflow", token).statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(1));
		assertTokenError(get("/api/metadata/workflow", token), 401, "EXPIRED_TOKEN", "Token is expired");
	}

	@Test
	void aRevokedTokenIsForbiddenAndANewOneWorks() throws Exception {
		String token = token();
		assertThat(json(post("/simulator/revoke", "")).path("revoked").asBoolean()).isTrue();
		assertTokenError(get("/api/tasks/poll/sample_task", token), 403, "INVALID_TOKEN", "Token has been revoked");
		assertThat(get("/api/tasks/poll/sample_task", token()).statusCode()).isEqualTo(200);
	}

	@Test
	void aTokenIsInUseOnceTheApiAcceptedIt() throws Exception {
		String token = token();
		assertThat(this.simulator.currentTokenInUse()).isFalse();
		assertThat(get("/api/metadata/workflow", token).statusCode()).isEqualTo(200);
		assertThat(this.simulator.currentTokenInUse()).isTrue();
		// a newer token is not in use until the API accepts it in turn
		String next = token();
		assertThat(this.simulator.currentTokenInUse()).isFalse();
		assertThat(get("/api/metadata/workflow", next).statusCode()).isEqualTo(200);
		assertThat(this.simulator.currentTokenInUse()).isTrue();
	}

	@Test
	void aTokenIsYoungForAQuarterOfItsLife() throws Exception {
		assertThat(this.simulator.currentTokenYoung()).isFalse();
		token();
		assertThat(this.simulator.currentTokenYoung()).isTrue();
		this.clock.advance(Duration.ofMillis(7499));
		assertThat(this.simulator.currentTokenYoung()).isTrue();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.simulator.currentTokenYoung()).isFalse();
		token();
		assertThat(this.simulator.currentTokenYoung()).isTrue();
	}

	@Test
	void aForbiddenTaskTypeIsAPermissionErrorWithoutErrorField() throws Exception {
		HttpResponse<String> response = get("/api/tasks/poll/" + ConductorSimulator.FORBIDDEN_TASK_TYPE, token());
		assertThat(response.statusCode()).isEqualTo(403);
		JsonNode body = json(response);
		assertThat(body.has("error")).isFalse();
		assertThat(body.path("message").asString()).startsWith("You don't have permissions");
	}

	@Test
	void pollsAndCompletesTasks() throws Exception {
		String token = token();
		JsonNode task = json(get("/api/tasks/poll/sample_task", token));
		assertThat(task.path("taskType").asString()).isEqualTo("sample_task");
		assertThat(task.path("inputData").path("name").asString()).isEqualTo("World");
		String result = "{\"taskId\":\"" + task.path("taskId").asString() + "\",\"status\":\"COMPLETED\"}";
		HttpResponse<String> completed = post("/api/tasks", result, token);
		assertThat(completed.statusCode()).isEqualTo(200);
		assertThat(completed.body()).isEqualTo(task.path("taskId").asString());
		assertThat(post("/api/tasks", result, token).statusCode()).isEqualTo(404);
		assertThat(json(get("/simulator/stats", null)).path("tasksCompleted").asInt()).isEqualTo(1);
	}

	@Test
	void batchPollsHandOutOneWorkerTaskEveryThreeSeconds() throws Exception {
		String token = token();
		String path = "/api/tasks/poll/batch/" + ConductorSimulator.WORKER_TASK_TYPE
				+ "?workerid=w&count=1&timeout=100";
		JsonNode first = json(get(path, token));
		assertThat(first.isArray()).isTrue();
		assertThat(first).hasSize(1);
		assertThat(first.get(0).path("taskDefName").asString()).isEqualTo("hello_task");
		assertThat(json(get(path, token))).isEmpty();
		assertThat(json(get("/api/tasks/poll/batch/other_task", token))).isEmpty();
		this.clock.advance(Duration.ofSeconds(3));
		JsonNode second = json(get(path, token));
		assertThat(second).hasSize(1);
		String result = "{\"taskId\":\"" + second.get(0).path("taskId").asString()
				+ "\",\"status\":\"COMPLETED\",\"outputData\":{\"message\":\"Hello World!\"}}";
		assertThat(post("/api/tasks/update-v2", result, token).statusCode()).isEqualTo(204);
		assertTokenError(get(path, null), 401, "INVALID_TOKEN", "Token cannot be null or empty");
	}

	@Test
	void anOutageAnswers503UntilItEnds() throws Exception {
		post("/simulator/outage?seconds=60", "");
		HttpResponse<String> down = post("/api/token", "{\"keyId\":\"id\",\"keySecret\":\"secret\"}");
		assertThat(down.statusCode()).isEqualTo(503);
		assertThat(json(down).path("message").asString()).contains("simulated outage");
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(token()).isNotBlank();
	}

	@Test
	void latencySlowsTheTokenEndpointDown() throws Exception {
		post("/simulator/latency?millis=300", "");
		long started = System.nanoTime();
		token();
		// a lower bound only: the simulator waited at least that long
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void unknownControlsListTheKnownOnes() throws Exception {
		HttpResponse<String> response = get("/simulator/nothing", null);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("POST /simulator/revoke");
		assertThat(post("/simulator/outage?seconds=soon", "").statusCode()).isEqualTo(400);
	}

	@Nested
	class BehindAnOAuth2Gateway {

		private static final String CLIENT_ID = "client";

		// characters that HTTP Basic sends form-urlencoded (RFC 6749, section 2.3.1)
		private static final String CLIENT_SECRET = "s3cret:with spaces+plus";

		private static final String TOKEN_PATH = "/realms/conductor/protocol/openid-connect/token";

		private static final String INVALID_TOKEN = "Bearer realm=\"conductor\", error=\"invalid_token\", "
				+ "error_description=";

		private final ConductorSimulator issuer = startOAuth2();

		@AfterEach
		void close() {
			this.issuer.close();
		}

		@Test
		void grantsClientCredentialsToAClientAuthenticatedByHttpBasic() throws Exception {
			HttpResponse<String> response = tokenRequest(basic(CLIENT_ID, CLIENT_SECRET),
					"grant_type=client_credentials");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
			JsonNode body = json(response);
			assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
			assertThat(body.path("expires_in").asLong()).isEqualTo(30);
			JsonNode claims = decode(body.path("access_token").asString().split("\\.")[1]);
			assertThat(claims.path("sub").asString()).isEqualTo(CLIENT_ID);
			assertThat(claims.path("exp").asLong())
				.isEqualTo(ConductorSimulatorTests.this.clock.instant().plusSeconds(30).getEpochSecond());
			assertThat(api("/api/metadata/workflow", body.path("access_token").asString()).statusCode()).isEqualTo(200);
			assertThat(this.issuer.tokensIssued()).isEqualTo(1);
			assertThat(this.issuer.tokenUrl()).hasPath(TOKEN_PATH);
		}

		@Test
		void grantsClientCredentialsToAClientAuthenticatedInTheForm() throws Exception {
			HttpResponse<String> response = tokenRequest(null, "grant_type=client_credentials&client_id=" + CLIENT_ID
					+ "&client_secret=" + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
			assertThat(api("/api/tasks/poll/sample_task", json(response).path("access_token").asString()).statusCode())
				.isEqualTo(200);
		}

		@Test
		void refusesAWrongClientWithInvalidClient() throws Exception {
			HttpResponse<String> wrongBasic = tokenRequest(basic(CLIENT_ID, "wrong"), "grant_type=client_credentials");
			assertOAuth2Error(wrongBasic, 401, "invalid_client");
			assertThat(wrongBasic.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"conductor\"");
			assertOAuth2Error(tokenRequest(basic("other", CLIENT_SECRET), "grant_type=client_credentials"), 401,
					"invalid_client");
			HttpResponse<String> wrongForm = tokenRequest(null,
					"grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=wrong");
			assertOAuth2Error(wrongForm, 401, "invalid_client");
			assertThat(wrongForm.headers().firstValue("WWW-Authenticate")).isEmpty();
			assertOAuth2Error(tokenRequest(null, "grant_type=client_credentials"), 401, "invalid_client");
			assertThat(wrongBasic.body()).doesNotContain("wrong");
			assertThat(this.issuer.tokensIssued()).isZero();
		}

		@Test
		void refusesAnyOtherGrantOrAMalformedRequest() throws Exception {
			String basic = basic(CLIENT_ID, CLIENT_SECRET);
			assertOAuth2Error(tokenRequest(basic, "grant_type=password&username=u&password=p"), 400,
					"unsupported_grant_type");
			assertOAuth2Error(tokenRequest(basic, "scope=conductor"), 400, "invalid_request");
			assertOAuth2Error(tokenRequest(basic, "grant_type=client_credentials&grant_type=password"), 400,
					"invalid_request");
			assertOAuth2Error(tokenRequest(basic, "grant_type=client_credentials&client_secret=" + CLIENT_SECRET), 400,
					"invalid_request");
			HttpResponse<String> json = ConductorSimulatorTests.this.http
				.send(HttpRequest.newBuilder(this.issuer.tokenUrl())
					.header("Authorization", basic)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertOAuth2Error(json, 400, "invalid_request");
			HttpResponse<String> get = ConductorSimulatorTests.this.http
				.send(HttpRequest.newBuilder(this.issuer.tokenUrl()).build(), HttpResponse.BodyHandlers.ofString());
			assertOAuth2Error(get, 405, "invalid_request");
			assertThat(this.issuer.tokensIssued()).isZero();
		}

		@Test
		void anAccessTokenLivesItsLifetime() throws Exception {
			String token = accessToken();
			ConductorSimulatorTests.this.clock.advance(Duration.ofSeconds(29));
			assertThat(api("/api/metadata/workflow", token).statusCode()).isEqualTo(200);
			ConductorSimulatorTests.this.clock.advance(Duration.ofSeconds(1));
			assertChallenge(api("/api/metadata/workflow", token), 401, INVALID_TOKEN + "\"The access token expired\"");
		}

		@Test
		void aRevokedTokenIsInvalidAndANewOneWorks() throws Exception {
			String token = accessToken();
			assertThat(api("/api/metadata/workflow", token).statusCode()).isEqualTo(200);
			assertThat(this.issuer.currentTokenInUse()).isTrue();
			assertThat(json(post("/simulator/revoke", "")).path("revoked").asBoolean()).isTrue();
			assertChallenge(api("/api/tasks/poll/sample_task", token), 401,
					INVALID_TOKEN + "\"The access token has been revoked\"");
			assertThat(api("/api/tasks/poll/sample_task", accessToken()).statusCode()).isEqualTo(200);
		}

		@Test
		void anUnknownTokenIsInvalid() throws Exception {
			String token = accessToken();
			String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
			assertChallenge(api("/api/metadata/workflow", forged), 401,
					INVALID_TOKEN + "\"The access token is not valid\"");
			assertChallenge(api("/api/metadata/workflow", "not-a-jwt"), 401,
					INVALID_TOKEN + "\"The access token is not valid\"");
		}

		@Test
		void aRequestWithoutBearerTokenGetsABareChallenge() throws Exception {
			// no error code for a request without credentials (RFC 6750, section 3.1)
			assertChallenge(api("/api/metadata/workflow", null), 401, "Bearer realm=\"conductor\"");
			HttpResponse<String> conductorHeader = ConductorSimulatorTests.this.http
				.send(HttpRequest.newBuilder(uri("/api/metadata/workflow"))
					.header("X-Authorization", accessToken())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertChallenge(conductorHeader, 401, "Bearer realm=\"conductor\"");
			// the server's own token endpoint is behind the gateway too
			assertChallenge(post("/api/token", "{\"keyId\":\"client\",\"keySecret\":\"secret\"}"), 401,
					"Bearer realm=\"conductor\"");
		}

		@Test
		void aForbiddenTaskTypeIsAnInsufficientScope() throws Exception {
			HttpResponse<String> response = api("/api/tasks/poll/" + ConductorSimulator.FORBIDDEN_TASK_TYPE,
					accessToken());
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge)
					.startsWith("Bearer realm=\"conductor\", error=\"insufficient_scope\""));
			assertThat(json(response).path("error").asString()).isEqualTo("insufficient_scope");
		}

		@Test
		void theWorkerPollsAndCompletesBehindTheGateway() throws Exception {
			String token = accessToken();
			JsonNode tasks = json(api("/api/tasks/poll/batch/" + ConductorSimulator.WORKER_TASK_TYPE, token));
			assertThat(tasks).hasSize(1);
			String result = "{\"taskId\":\"" + tasks.get(0).path("taskId").asString()
					+ "\",\"status\":\"COMPLETED\",\"outputData\":{\"message\":\"Hello World!\"}}";
			HttpResponse<String> update = ConductorSimulatorTests.this.http
				.send(HttpRequest.newBuilder(uri("/api/tasks/update-v2"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(result))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(update.statusCode()).isEqualTo(204);
			assertThat(this.issuer.tasksCompleted()).isEqualTo(1);
		}

		@Test
		void anOutageTakesTheIssuerDownUntilItEnds() throws Exception {
			post("/simulator/outage?seconds=60", "");
			HttpResponse<String> down = tokenRequest(basic(CLIENT_ID, CLIENT_SECRET), "grant_type=client_credentials");
			assertOAuth2Error(down, 503, "temporarily_unavailable");
			assertThat(json(down).path("error_description").asString()).contains("simulated outage");
			ConductorSimulatorTests.this.clock.advance(Duration.ofSeconds(60));
			assertThat(accessToken()).isNotBlank();
		}

		@Test
		void latencySlowsTheIssuerDown() throws Exception {
			post("/simulator/latency?millis=300", "");
			long started = System.nanoTime();
			accessToken();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		}

		private ConductorSimulator startOAuth2() {
			try {
				return ConductorSimulator.start(Issuer.OAUTH2, CLIENT_ID, CLIENT_SECRET, Duration.ofSeconds(30),
						ConductorSimulatorTests.this.clock);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private String accessToken() throws Exception {
			HttpResponse<String> response = tokenRequest(basic(CLIENT_ID, CLIENT_SECRET),
					"grant_type=client_credentials");
			assertThat(response.statusCode()).isEqualTo(200);
			return json(response).path("access_token").asString();
		}

		private HttpResponse<String> tokenRequest(@Nullable String authorization, String form) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(this.issuer.tokenUrl())
				.header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
				.POST(HttpRequest.BodyPublishers.ofString(form));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			return ConductorSimulatorTests.this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		private HttpResponse<String> api(String path, @Nullable String token) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			return ConductorSimulatorTests.this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		private HttpResponse<String> post(String path, String body) throws Exception {
			return ConductorSimulatorTests.this.http.send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private URI uri(String path) {
			return URI.create(this.issuer.apiUrl().toString().replace("/api", "") + path);
		}

		private static String basic(String id, String secret) {
			String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
					+ URLEncoder.encode(secret, StandardCharsets.UTF_8);
			return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
		}

		private static void assertOAuth2Error(HttpResponse<String> response, int status, String error) {
			assertThat(response.statusCode()).isEqualTo(status);
			assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
			JsonNode body = json(response);
			assertThat(body.path("error").asString()).isEqualTo(error);
			assertThat(body.path("error_description").asString()).isNotBlank();
		}

		private static void assertChallenge(HttpResponse<String> response, int status, String challenge) {
			assertThat(response.statusCode()).isEqualTo(status);
			assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
			// the gateway says it all in the header: a client that reads the body learns
			// nothing more
			assertThat(response.body()).isEmpty();
		}

	}

	private ConductorSimulator start() {
		try {
			return ConductorSimulator.start("id", "secret", Duration.ofSeconds(30), this.clock);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String token() throws Exception {
		HttpResponse<String> response = post("/api/token", "{\"keyId\":\"id\",\"keySecret\":\"secret\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		return json(response).path("token").asString();
	}

	private void assertTokenError(HttpResponse<String> response, int status, String error, String message) {
		assertThat(response.statusCode()).isEqualTo(status);
		JsonNode body = json(response);
		assertThat(body.path("error").asString()).isEqualTo(error);
		assertThat(body.path("message").asString()).isEqualTo(message);
		assertThat(body.path("timestamp").isNumber()).isTrue();
	}

	private HttpResponse<String> get(String path, @Nullable String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (token != null) {
			request.header("X-Authorization", token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return post(path, body, null);
	}

	private HttpResponse<String> post(String path, String body, @Nullable String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("X-Authorization", token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create(this.simulator.apiUrl().toString().replace("/api", "") + path);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

	private static JsonNode decode(String part) {
		return JsonMapper.shared().readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
	}

	/**
	 * A clock that stands still until the test moves it.
	 */
	private static final class SteppingClock extends Clock {

		private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

		void advance(Duration duration) {
			this.millis.addAndGet(duration.toMillis());
		}

		@Override
		public long millis() {
			return this.millis.get();
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
