package dev.conductor.auth.test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server that plays the Conductor token endpoint at {@code /api/token},
 * issuing a new JWT on every call whose {@code exp} is the test's clock plus
 * {@link #lifetime(Duration)}. Register with {@code @RegisterExtension}; stubs are reset
 * before each test.
 */
public final class TokenServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	public static final String TOKEN_PATH = "/api/token";

	private final WireMockServer server;

	private final Issuer issuer = new Issuer();

	private volatile Instant resetAt = Instant.EPOCH;

	public TokenServer(Extension... extensions) {
		this.server = new WireMockServer(
				wireMockConfig().dynamicPort().containerThreads(120).extensions(this.issuer).extensions(extensions));
	}

	public WireMockServer wiremock() {
		return this.server;
	}

	public URI tokenUri() {
		return URI.create(this.server.baseUrl() + TOKEN_PATH);
	}

	public String baseUrl() {
		return this.server.baseUrl() + "/api";
	}

	/**
	 * Use this clock for the {@code exp} of the tokens issued from now on.
	 */
	public TokenServer clock(Clock clock) {
		this.issuer.clock = clock;
		return this;
	}

	/**
	 * Issue tokens that live this long.
	 */
	public TokenServer lifetime(Duration lifetime) {
		this.issuer.lifetime = lifetime;
		return this;
	}

	/**
	 * Answer every token request with a new JWT.
	 */
	public TokenServer issuesTokens() {
		this.server.stubFor(tokenRequest().willReturn(issuedToken()));
		return this;
	}

	/**
	 * A response that carries a newly issued JWT, to use in scenario stubs.
	 */
	public static ResponseDefinitionBuilder issuedToken() {
		return aResponse().withTransformers(Issuer.NAME);
	}

	public static MappingBuilder tokenRequest() {
		return post(urlPathEqualTo(TOKEN_PATH));
	}

	public int mintCount() {
		return tokenRequests().size();
	}

	/**
	 * The token requests received since the last reset. A request that an earlier test
	 * left hanging on a delayed answer is journaled only when it ends, possibly during a
	 * later test: it is left out, since it was received before that test began.
	 */
	public List<LoggedRequest> tokenRequests() {
		return this.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))
			.stream()
			.filter((request) -> !request.getLoggedDate().toInstant().isBefore(this.resetAt))
			.toList();
	}

	/**
	 * The tokens issued since the last reset, oldest first.
	 */
	public List<String> issued() {
		return List.copyOf(this.issuer.issued);
	}

	public String lastIssued() {
		List<String> issued = issued();
		if (issued.isEmpty()) {
			throw new AssertionError("No token was issued");
		}
		return issued.get(issued.size() - 1);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
	}

	/**
	 * Start the server, for a test that does not register it as an extension.
	 */
	public TokenServer start() {
		if (!this.server.isRunning()) {
			this.server.start();
		}
		return this;
	}

	/**
	 * Forget the stubs, the requests and the issued tokens.
	 */
	public void reset() {
		this.resetAt = Instant.now();
		this.server.resetAll();
		this.issuer.issued.clear();
		this.issuer.clock = Clock.systemUTC();
		this.issuer.lifetime = Duration.ofMinutes(10);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.server.stop();
	}

	private static final class Issuer implements ResponseDefinitionTransformerV2 {

		static final String NAME = "issue-token";

		private final List<String> issued = new CopyOnWriteArrayList<>();

		private volatile Clock clock = Clock.systemUTC();

		private volatile Duration lifetime = Duration.ofMinutes(10);

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			Instant now = this.clock.instant();
			String token = TestTokens.jwt(now, now.plus(this.lifetime));
			this.issued.add(token);
			return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
				.withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"token\":\"" + token + "\"}")
				.build();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}

	}

}
