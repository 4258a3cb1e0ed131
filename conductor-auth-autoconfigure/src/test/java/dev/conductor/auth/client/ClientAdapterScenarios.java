package dev.conductor.auth.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.conductor.auth.autoconfigure.ConductorAuthAutoConfiguration;
import dev.conductor.auth.autoconfigure.ConductorAuthClientAutoConfiguration;
import dev.conductor.auth.event.ConductorTokenRejectedEvent;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios every HTTP client adapter must pass, run by one subclass per client type
 * against WireMock over HTTP, with clients built from Boot's own builders in a real
 * application context.
 */
abstract class ClientAdapterScenarios {

	static final String EXPIRED = "{\"message\":\"Token expired\",\"error\":\"EXPIRED_TOKEN\",\"timestamp\":1672808447076}";

	static final String INVALID = "{\"message\":\"Token cannot be null or empty\",\"error\":\"INVALID_TOKEN\",\"timestamp\":1672808447076}";

	static final String NO_PERMISSION = "{\"status\":403,\"message\":\"You don't have permissions to access this workflow\"}";

	static final String WORKFLOW = "/api/workflow/wf-1";

	/**
	 * The Conductor server: token endpoint and API on one port.
	 */
	static final TokenServer conductor = new TokenServer().start();

	/**
	 * A server on another port, which must never see the token.
	 */
	static final WireMockServer other = new WireMockServer(wireMockConfig().dynamicPort());

	static {
		other.start();
	}

	final MutableClock clock = new MutableClock();

	final RecordingEvents events = new RecordingEvents();

	/**
	 * Counts the requests that an interceptor or filter registered after ours sees.
	 */
	final AtomicInteger seenByLaterInterceptor = new AtomicInteger();

	@BeforeEach
	void resetServers() {
		conductor.reset();
		conductor.clock(this.clock).issuesTokens();
		other.resetAll();
	}

	/**
	 * The auto-configurations of Boot that build this client type.
	 */
	abstract AutoConfigurations clientAutoConfigurations();

	/**
	 * Add a customizer bean that registers an interceptor or filter after ours, which
	 * counts into {@link #seenByLaterInterceptor} and marks requests with
	 * {@code X-Later: seen}.
	 */
	abstract ApplicationContextRunner withLaterInterceptor(ApplicationContextRunner runner);

	abstract Response getFrom(ApplicationContext context, String url) throws Exception;

	abstract Response postJson(ApplicationContext context, String url, String json) throws Exception;

	/**
	 * Post a body that the client can send twice without the starter's help.
	 */
	Response postRepeatableJson(ApplicationContext context, String url, String json) throws Exception {
		return postJson(context, url, json);
	}

	/**
	 * Send {@code count} GETs at once and return their answers.
	 */
	abstract List<Response> getConcurrently(ApplicationContext context, String url, int count) throws Exception;

	record Response(int status, String body) {
	}

	/**
	 * How often the interceptor or filter registered after ours runs for a request that
	 * is rejected and replayed once: for the first sending and for the replay.
	 */
	int laterInterceptorPassesOfAReplayedRequest() {
		return 2;
	}

	/**
	 * Whether this client type follows redirects: the Spring adapters do, the official
	 * client's OkHttp client does not.
	 */
	boolean followsRedirects() {
		return true;
	}

	/**
	 * The application without the starter: the client type's auto-configurations and the
	 * interceptor or filter after ours.
	 */
	ApplicationContextRunner clientRunner() {
		return withLaterInterceptor(new ApplicationContextRunner()).withConfiguration(clientAutoConfigurations())
			.withPropertyValues("spring.http.clients.imperative.factory=jdk");
	}

	ApplicationContextRunner runner() {
		return clientRunner()
			.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
					ConductorAuthClientAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=" + conductor.baseUrl(),
					"conductor.auth.key-id=" + TestTokens.KEY_ID, "conductor.auth.key-secret=" + TestTokens.KEY_SECRET)
			.withBean(ConductorTokenManager.class,
					() -> ConductorTokenManager.builder(conductor.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
						.clock(this.clock)
						.acquireTimeout(Duration.ofSeconds(10))
						.build())
			.withBean(RecordingEvents.class, () -> this.events);
	}

	/**
	 * Run with a context whose first token is minted and in use: the server accepted it a
	 * minute ago (the rejection of a token it never accepted counts as a failed attempt).
	 */
	void run(ContextConsumer test) {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
			assertThat(manager.getToken()).isEqualTo(conductor.lastIssued());
			// a token in use: the server accepted it a minute ago
			manager.tokenAccepted(conductor.lastIssued());
			this.clock.advance(Duration.ofMinutes(1));
			test.accept(context);
		});
	}

	interface ContextConsumer {

		void accept(ApplicationContext context) throws Exception;

	}

	@Test
	void sendsTheTokenToTheConductorServerAndNothingToAnotherServer() {
		run((context) -> {
			stubApi(ok("{\"name\":\"wf-1\"}"));
			other.stubFor(get(anyUrl()).willReturn(ok("elsewhere")));
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1"))
				.isEqualTo(new Response(200, "{\"name\":\"wf-1\"}"));
			assertThat(getFrom(context, other.baseUrl() + "/api/workflow/wf-1"))
				.isEqualTo(new Response(200, "elsewhere"));
			conductor.wiremock()
				.verify(getRequestedFor(urlPathEqualTo(WORKFLOW)).withHeader("X-Authorization",
						equalTo(conductor.lastIssued())));
			other.verify(1, anyRequestedFor(anyUrl()).withHeader("X-Authorization", absent()));
			conductor.wiremock()
				.verify(postRequestedFor(urlPathEqualTo(TokenServer.TOKEN_PATH)).withHeader("X-Authorization",
						absent()));
		});
	}

	@Test
	void aTokenErrorWithoutATokenAfterA404SendsTheManagerBackToTheTokenEndpoint() {
		// an ingress whose route to /token is not ready yet answers 404; the API wants a
		// token all the same
		conductor.wiremock().resetMappings();
		conductor.wiremock().stubFor(TokenServer.tokenRequest().willReturn(aResponse().withStatus(404)));
		conductor.wiremock()
			.stubFor(get(urlPathEqualTo(WORKFLOW)).withHeader("X-Authorization", absent())
				.willReturn(
						aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(INVALID)));
		conductor.wiremock()
			.stubFor(get(urlPathEqualTo(WORKFLOW)).withHeader("X-Authorization", matching(".+"))
				.willReturn(ok("{\"name\":\"wf-1\"}")));
		runner().run((context) -> {
			ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
			assertThat(manager.getToken()).isNull();
			// the caller gets the answer as it is; the manager learns that a token is
			// wanted
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1").status()).isEqualTo(401);
			conductor.issuesTokens();
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> manager.getStatus().secured() && manager.getStatus().valid());
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1"))
				.isEqualTo(new Response(200, "{\"name\":\"wf-1\"}"));
			conductor.wiremock()
				.verify(getRequestedFor(urlPathEqualTo(WORKFLOW)).withHeader("X-Authorization",
						equalTo(conductor.lastIssued())));
			assertThat(conductor.mintCount()).isEqualTo(2);
			assertThat(this.events.rejected()).singleElement().satisfies((event) -> {
				assertThat(event.getStatus()).isEqualTo(401);
				assertThat(event.getErrorCode()).isEqualTo("INVALID_TOKEN");
			});
		});
	}

	@Test
	void aPathThatOnlyStartsLikeTheBasePathGetsNoToken() {
		run((context) -> {
			conductor.wiremock().stubFor(get(urlPathEqualTo("/apix/thing")).willReturn(ok("not conductor")));
			assertThat(getFrom(context, conductor.wiremock().baseUrl() + "/apix/thing").status()).isEqualTo(200);
			conductor.wiremock()
				.verify(getRequestedFor(urlPathEqualTo("/apix/thing")).withHeader("X-Authorization", absent()));
		});
	}

	@Test
	void anExpiredTokenIsReplacedAndTheRequestReplayed() {
		run((context) -> assertReplayedAfter(context, 401, EXPIRED, "EXPIRED_TOKEN"));
	}

	@Test
	void anInvalidTokenOn403IsReplacedAndTheRequestReplayed() {
		run((context) -> assertReplayedAfter(context, 403, INVALID, "INVALID_TOKEN"));
	}

	private void assertReplayedAfter(ApplicationContext context, int status, String body, String error)
			throws Exception {
		assertReplayedAfter(context, json(status, body), status, error);
	}

	private void assertReplayedAfter(ApplicationContext context, ResponseDefinitionBuilder rejection, int status,
			String error) throws Exception {
		String first = conductor.lastIssued();
		stubApiSequence(rejection, ok("{\"name\":\"wf-1\"}"));
		assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1"))
			.isEqualTo(new Response(200, "{\"name\":\"wf-1\"}"));
		assertThat(conductor.mintCount()).isEqualTo(2);
		List<LoggedRequest> requests = apiRequests();
		assertThat(requests).extracting((request) -> request.getHeader("X-Authorization"))
			.containsExactly(first, conductor.lastIssued());
		assertThat(requests).allSatisfy((request) -> assertThat(request.getHeader("X-Later")).isEqualTo("seen"));
		assertThat(this.seenByLaterInterceptor).hasValue(laterInterceptorPassesOfAReplayedRequest());
		assertThat(this.events.rejected()).singleElement().satisfies((event) -> {
			assertThat(event.getStatus()).isEqualTo(status);
			assertThat(event.getErrorCode()).isEqualTo(error);
			assertThat(event.getMethod()).isEqualTo("GET");
			assertThat(event.getPath()).isEqualTo(WORKFLOW);
		});
	}

	@Test
	void permissionDeniedPassesThroughUntouched() {
		run((context) -> assertPassedThrough(context, json(403, NO_PERMISSION), new Response(403, NO_PERMISSION)));
	}

	@Test
	void anUnauthorizedHtmlPagePassesThrough() {
		String html = "<html><body>Unauthorized</body></html>";
		run((context) -> assertPassedThrough(context,
				aResponse().withStatus(401).withHeader("Content-Type", "text/html").withBody(html),
				new Response(401, html)));
	}

	@Test
	void anUnauthorizedEmptyBodyPassesThrough() {
		run((context) -> assertPassedThrough(context, aResponse().withStatus(401), new Response(401, "")));
	}

	@Test
	void anUnauthorizedWithAnotherErrorPassesThrough() {
		String body = "{\"error\":\"USER_NOT_FOUND\",\"message\":\"No such user\"}";
		run((context) -> assertPassedThrough(context, json(401, body), new Response(401, body)));
	}

	@Test
	void aTenMegabyteForbiddenBodyReachesTheCallerWhole() {
		String body = "{\"message\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
		run((context) -> assertPassedThrough(context, json(403, body), new Response(403, body)));
	}

	@Test
	void aTokenErrorSentAsPlainTextIsRecognised() {
		run((context) -> assertReplayedAfter(context,
				aResponse().withStatus(401).withHeader("Content-Type", "text/plain").withBody(EXPIRED), 401,
				"EXPIRED_TOKEN"));
	}

	@Test
	void aGzippedTokenErrorIsRecognised() throws IOException {
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
			gzip.write(EXPIRED.getBytes(StandardCharsets.UTF_8));
		}
		run((context) -> assertReplayedAfter(context,
				aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withHeader("Content-Encoding", "gzip")
					.withBody(gzipped.toByteArray()),
				401, "EXPIRED_TOKEN"));
	}

	private void assertPassedThrough(ApplicationContext context, ResponseDefinitionBuilder answer, Response expected)
			throws Exception {
		stubApi(answer);
		assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1")).isEqualTo(expected);
		assertThat(conductor.mintCount()).isEqualTo(1);
		assertThat(apiRequests()).hasSize(1);
		assertThat(this.events.rejected()).isEmpty();
	}

	@Test
	void aRejectedReplayReachesTheCallerAfterOneMint() {
		run((context) -> {
			stubApi(json(401, EXPIRED));
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1")).isEqualTo(new Response(401, EXPIRED));
			assertThat(apiRequests()).hasSize(2);
			assertThat(this.events.rejected()).hasSize(2);
			// the new token was rejected right after its mint: a failed attempt, so no
			// second mint follows at once
			assertThat(conductor.mintCount()).isEqualTo(2);
		});
	}

	@Test
	void fiftyConcurrentRejectionsMintOnce() {
		run((context) -> {
			String first = conductor.lastIssued();
			conductor.wiremock()
				.stubFor(get(urlPathEqualTo(WORKFLOW)).atPriority(1)
					.withHeader("X-Authorization", equalTo(first))
					// slow enough that all 50 go out with the first token before any
					// answer
					.willReturn(json(401, EXPIRED).withFixedDelay(1000)));
			conductor.wiremock().stubFor(get(urlPathEqualTo(WORKFLOW)).atPriority(5).willReturn(ok("done")));
			List<Response> responses = getConcurrently(context, conductor.baseUrl() + "/workflow/wf-1", 50);
			assertThat(responses).hasSize(50).containsOnly(new Response(200, "done"));
			assertThat(conductor.mintCount()).isEqualTo(2);
			assertThat(apiRequests()).hasSize(100)
				.filteredOn((request) -> first.equals(request.getHeader("X-Authorization")))
				.hasSize(50);
			assertThat(this.events.rejected()).hasSize(50)
				.extracting(ConductorTokenRejectedEvent::getErrorCode)
				.containsOnly("EXPIRED_TOKEN");
		});
	}

	@Test
	void aPostIsReplayedWithTheSameBody() {
		run((context) -> {
			String json = "{\"taskId\":\"t-1\",\"status\":\"COMPLETED\",\"outputData\":{\"message\":\"Hello World!\"}}";
			conductor.wiremock()
				.stubFor(post(urlPathEqualTo("/api/tasks")).inScenario("post")
					.whenScenarioStateIs(STARTED)
					.willReturn(json(401, EXPIRED))
					.willSetStateTo("replayed"));
			conductor.wiremock()
				.stubFor(post(urlPathEqualTo("/api/tasks")).inScenario("post")
					.whenScenarioStateIs("replayed")
					.willReturn(ok("t-1")));
			assertThat(postJson(context, conductor.baseUrl() + "/tasks", json)).isEqualTo(new Response(200, "t-1"));
			List<LoggedRequest> requests = conductor.wiremock().findAll(postRequestedFor(urlPathEqualTo("/api/tasks")));
			assertThat(requests).hasSize(2);
			conductor.wiremock()
				.verify(2, postRequestedFor(urlPathEqualTo("/api/tasks")).withRequestBody(equalToJson(json))
					.withHeader("Content-Type", equalTo("application/json")));
			assertThat(requests.get(1).getHeader("X-Authorization")).isEqualTo(conductor.lastIssued());
		});
	}

	@Test
	void aRedirectToAnotherHostNeverCarriesTheToken() {
		run((context) -> {
			stubApi(aResponse().withStatus(302).withHeader("Location", other.baseUrl() + "/elsewhere"));
			other.stubFor(get(anyUrl()).willReturn(ok("elsewhere")));
			Response response = getFrom(context, conductor.baseUrl() + "/workflow/wf-1");
			conductor.wiremock()
				.verify(getRequestedFor(urlPathEqualTo(WORKFLOW)).withHeader("X-Authorization",
						equalTo(conductor.lastIssued())));
			if (followsRedirects()) {
				assertThat(response).isEqualTo(new Response(200, "elsewhere"));
				other.verify(1, getRequestedFor(urlPathEqualTo("/elsewhere")).withHeader("X-Authorization", absent()));
			}
			else {
				assertThat(response.status()).isEqualTo(302);
				other.verify(0, anyRequestedFor(anyUrl()));
			}
			assertThat(other.findAll(anyRequestedFor(anyUrl())))
				.noneMatch((request) -> request.containsHeader("X-Authorization"));
		});
	}

	@Test
	void aRedirectWithinTheConductorApiKeepsTheToken() {
		run((context) -> {
			stubApi(aResponse().withStatus(301).withHeader("Location", "/api/workflow/wf-2"));
			conductor.wiremock().stubFor(get(urlPathEqualTo("/api/workflow/wf-2")).willReturn(ok("moved")));
			Response response = getFrom(context, conductor.baseUrl() + "/workflow/wf-1");
			if (followsRedirects()) {
				assertThat(response).isEqualTo(new Response(200, "moved"));
				conductor.wiremock()
					.verify(getRequestedFor(urlPathEqualTo("/api/workflow/wf-2")).withHeader("X-Authorization",
							equalTo(conductor.lastIssued())));
			}
			else {
				assertThat(response.status()).isEqualTo(301);
			}
		});
	}

	@Test
	void aRedirectOutOfTheApiPathDropsTheToken() {
		run((context) -> {
			stubApi(aResponse().withStatus(302).withHeader("Location", "/login"));
			conductor.wiremock().stubFor(get(urlPathEqualTo("/login")).willReturn(ok("sign in")));
			Response response = getFrom(context, conductor.baseUrl() + "/workflow/wf-1");
			if (followsRedirects()) {
				assertThat(response).isEqualTo(new Response(200, "sign in"));
			}
			conductor.wiremock()
				.verify(0, getRequestedFor(urlPathEqualTo("/login")).withHeader("X-Authorization", matching(".+")));
		});
	}

	@Test
	void aPostAnsweredSeeOtherContinuesAsAGetWithoutBody() {
		Assumptions.assumeTrue(followsRedirects());
		run((context) -> {
			conductor.wiremock()
				.stubFor(post(urlPathEqualTo("/api/tasks"))
					.willReturn(aResponse().withStatus(303).withHeader("Location", "/api/tasks/t-1")));
			conductor.wiremock().stubFor(get(urlPathEqualTo("/api/tasks/t-1")).willReturn(ok("t-1 done")));
			assertThat(postJson(context, conductor.baseUrl() + "/tasks", "{\"taskId\":\"t-1\"}"))
				.isEqualTo(new Response(200, "t-1 done"));
			LoggedRequest followed = conductor.wiremock()
				.findAll(getRequestedFor(urlPathEqualTo("/api/tasks/t-1")))
				.get(0);
			assertThat(followed.getBodyAsString()).isEmpty();
			assertThat(followed.containsHeader("Content-Type")).isFalse();
			assertThat(followed.getHeader("X-Authorization")).isEqualTo(conductor.lastIssued());
		});
	}

	@Test
	void aTemporaryRedirectSendsTheSameBodyAgain() {
		Assumptions.assumeTrue(followsRedirects());
		run((context) -> {
			String json = "{\"taskId\":\"t-1\",\"status\":\"COMPLETED\"}";
			conductor.wiremock()
				.stubFor(post(urlPathEqualTo("/api/tasks"))
					.willReturn(aResponse().withStatus(307).withHeader("Location", "/api/v2/tasks")));
			conductor.wiremock().stubFor(post(urlPathEqualTo("/api/v2/tasks")).willReturn(ok("t-1")));
			assertThat(postJson(context, conductor.baseUrl() + "/tasks", json)).isEqualTo(new Response(200, "t-1"));
			conductor.wiremock()
				.verify(postRequestedFor(urlPathEqualTo("/api/v2/tasks")).withRequestBody(equalToJson(json))
					.withHeader("X-Authorization", equalTo(conductor.lastIssued())));
		});
	}

	@Test
	void aRedirectLoopEndsAfterFiveHops() {
		Assumptions.assumeTrue(followsRedirects());
		run((context) -> {
			stubApi(aResponse().withStatus(302).withHeader("Location", WORKFLOW));
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1").status()).isEqualTo(302);
			assertThat(apiRequests()).hasSize(6);
		});
	}

	@Test
	void aPostToAnotherServiceFollowsItsRedirectAsWithoutTheStarter() {
		String json = "{\"order\":42}";
		Outcome without = outcomeOfAPostRedirectedElsewhere(clientRunner(), json);
		Outcome with = outcomeOfAPostRedirectedElsewhere(runner(), json);
		assertThat(with).isEqualTo(without);
		if (followsRedirects()) {
			assertThat(with.response()).isEqualTo(new Response(200, "arrived"));
			assertThat(with.received()).containsExactly("POST /moved " + json, "POST /target " + json);
		}
	}

	/**
	 * Post to another service that answers 307 to another place of its own, and tell what
	 * the caller got and what that service received.
	 */
	private Outcome outcomeOfAPostRedirectedElsewhere(ApplicationContextRunner runner, String json) {
		other.resetAll();
		other.stubFor(post(urlPathEqualTo("/moved"))
			.willReturn(aResponse().withStatus(307).withHeader("Location", other.baseUrl() + "/target")));
		other.stubFor(post(urlPathEqualTo("/target")).willReturn(ok("arrived")));
		Response[] response = new Response[1];
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			response[0] = postRepeatableJson(context, other.baseUrl() + "/moved", json);
		});
		List<String> received = other.findAll(anyRequestedFor(anyUrl()))
			.stream()
			.map((request) -> request.getMethod() + " " + request.getUrl() + " " + request.getBodyAsString())
			.toList();
		return new Outcome(response[0], received);
	}

	record Outcome(Response response, List<String> received) {
	}

	/**
	 * A Conductor server behind an OAuth2 gateway: the token goes as a bearer token in
	 * {@code Authorization}, and a token error is a 401 with an RFC 6750 challenge.
	 */
	@Configuration(proxyBeanMethods = false)
	static class BearerGateway {

		@Bean
		ConductorRequestAuthenticator conductorRequestAuthenticator(ConductorTokenManager tokenManager,
				ApplicationEventPublisher eventPublisher) {
			return ConductorRequestAuthenticator.builder(tokenManager, java.net.URI.create(conductor.baseUrl()))
				.headerName("Authorization")
				.headerPrefix("Bearer ")
				.tokenErrorDetector(TokenErrorDetector.bearerErrors(TokenErrorDetector.DEFAULT_BEARER_ERRORS))
				.eventPublisher(eventPublisher)
				.build();
		}

	}

	void runBehindABearerGateway(ContextConsumer test) {
		runner().withUserConfiguration(BearerGateway.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
			assertThat(manager.getToken()).isEqualTo(conductor.lastIssued());
			manager.tokenAccepted(conductor.lastIssued());
			this.clock.advance(Duration.ofMinutes(1));
			test.accept(context);
		});
	}

	static ResponseDefinitionBuilder challenge(int status, String wwwAuthenticate, String body) {
		return json(status, body).withHeader("WWW-Authenticate", wwwAuthenticate);
	}

	@Test
	void behindABearerGatewayTheTokenGoesAsABearerAuthorization() {
		runBehindABearerGateway((context) -> {
			stubApi(ok("{\"name\":\"wf-1\"}"));
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1"))
				.isEqualTo(new Response(200, "{\"name\":\"wf-1\"}"));
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1").status()).isEqualTo(200);
			assertThat(apiRequests()).hasSize(2).allSatisfy((request) -> {
				assertThat(request.getHeaders().getHeader("Authorization").values())
					.containsExactly("Bearer " + conductor.lastIssued());
				assertThat(request.containsHeader("X-Authorization")).isFalse();
			});
			conductor.wiremock()
				.verify(postRequestedFor(urlPathEqualTo(TokenServer.TOKEN_PATH)).withHeader("Authorization", absent()));
		});
	}

	@Test
	void aBearerInvalidTokenChallengeIsReplacedAndTheRequestReplayed() {
		runBehindABearerGateway((context) -> {
			String first = conductor.lastIssued();
			stubApiSequence(
					challenge(401,
							"Bearer realm=\"conductor\", error=\"invalid_token\", "
									+ "error_description=\"The access token expired\"",
							"{\"error\":\"unauthorized\"}"),
					ok("{\"name\":\"wf-1\"}"));
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1"))
				.isEqualTo(new Response(200, "{\"name\":\"wf-1\"}"));
			assertThat(conductor.mintCount()).isEqualTo(2);
			assertThat(apiRequests()).extracting((request) -> request.getHeader("Authorization"))
				.containsExactly("Bearer " + first, "Bearer " + conductor.lastIssued());
			assertThat(this.seenByLaterInterceptor).hasValue(laterInterceptorPassesOfAReplayedRequest());
			assertThat(this.events.rejected()).singleElement().satisfies((event) -> {
				assertThat(event.getStatus()).isEqualTo(401);
				assertThat(event.getErrorCode()).isEqualTo("invalid_token");
				assertThat(event.getPath()).isEqualTo(WORKFLOW);
			});
		});
	}

	@Test
	void aBearerChallengeAmongOthersIsFound() {
		runBehindABearerGateway((context) -> {
			stubApiSequence(
					aResponse().withStatus(401)
						.withHeader("WWW-Authenticate", "Basic realm=\"gateway\"")
						.withHeader("WWW-Authenticate", "Negotiate, Bearer realm=\"c\", error=\"invalid_token\""),
					ok("replayed"));
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1"))
				.isEqualTo(new Response(200, "replayed"));
			assertThat(apiRequests()).hasSize(2);
		});
	}

	@Test
	void aRejectedBearerReplayReachesTheCallerAfterOneMint() {
		String body = "{\"error\":\"unauthorized\"}";
		runBehindABearerGateway((context) -> {
			stubApi(challenge(401, "Bearer error=\"invalid_token\"", body));
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1")).isEqualTo(new Response(401, body));
			assertThat(apiRequests()).hasSize(2);
			assertThat(conductor.mintCount()).isEqualTo(2);
		});
	}

	@Test
	void behindABearerGatewayOtherAnswersPassThroughUntouched() {
		String scope = "{\"error\":\"insufficient_scope\",\"message\":\"" + "x".repeat(200_000) + "\"}";
		assertPassedThroughTheGateway(challenge(401, "Bearer error=\"insufficient_scope\", scope=\"workflow\"", scope),
				new Response(401, scope));
		assertPassedThroughTheGateway(challenge(401, "Bearer realm=\"conductor\"", INVALID),
				new Response(401, INVALID));
		assertPassedThroughTheGateway(challenge(401, "Basic realm=\"conductor\", error=\"invalid_token\"", EXPIRED),
				new Response(401, EXPIRED));
		// Conductor's own token error means nothing behind the gateway: its body is not
		// read
		assertPassedThroughTheGateway(json(401, INVALID), new Response(401, INVALID));
		assertPassedThroughTheGateway(challenge(403, "Bearer error=\"invalid_token\"", NO_PERMISSION),
				new Response(403, NO_PERMISSION));
	}

	private void assertPassedThroughTheGateway(ResponseDefinitionBuilder answer, Response expected) {
		resetServers();
		runBehindABearerGateway((context) -> assertPassedThrough(context, answer, expected));
	}

	@Test
	void aBearerRejectionIsReplayedWithoutReadingItsBody() {
		Assumptions.assumeTrue(closesARejectionUnread());
		runBehindABearerGateway((context) -> {
			// a body that takes a minute to read: reading it to decide would show, far
			// beyond what a loaded machine adds
			stubApiSequence(aResponse().withStatus(401)
				.withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
				.withBody("{\"error\":\"unauthorized\",\"padding\":\"" + "x".repeat(100) + "\"}")
				.withChunkedDribbleDelay(10, 60_000), ok("replayed"));
			long start = System.nanoTime();
			assertThat(getFrom(context, conductor.baseUrl() + "/workflow/wf-1"))
				.isEqualTo(new Response(200, "replayed"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
			assertThat(this.events.rejected()).singleElement()
				.satisfies((event) -> assertThat(event.getErrorCode()).isEqualTo("invalid_token"));
		});
	}

	/**
	 * Whether this client type closes a rejected response without reading its body: a
	 * {@code WebClient} filter must drain it to release the connection, and Spring's
	 * {@code ClientHttpResponse}s drain theirs when closed.
	 */
	boolean closesARejectionUnread() {
		return true;
	}

	void stubApi(ResponseDefinitionBuilder answer) {
		conductor.wiremock().stubFor(get(urlPathEqualTo(WORKFLOW)).willReturn(answer));
	}

	void stubApiSequence(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
		conductor.wiremock()
			.stubFor(get(urlPathEqualTo(WORKFLOW)).inScenario("api")
				.whenScenarioStateIs(STARTED)
				.willReturn(first)
				.willSetStateTo("second"));
		conductor.wiremock()
			.stubFor(get(urlPathEqualTo(WORKFLOW)).inScenario("api").whenScenarioStateIs("second").willReturn(then));
	}

	List<LoggedRequest> apiRequests() {
		return conductor.wiremock().findAll(getRequestedFor(urlPathEqualTo(WORKFLOW)));
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

}
