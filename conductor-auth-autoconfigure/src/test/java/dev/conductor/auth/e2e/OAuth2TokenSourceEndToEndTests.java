package dev.conductor.auth.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.client.RestClient;

import dev.conductor.auth.autoconfigure.ConductorAuthAutoConfiguration;
import dev.conductor.auth.autoconfigure.FatalAuthenticationHandler;
import dev.conductor.auth.client.ConductorAuthInterceptor;
import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.ConductorTokenRejectedEvent;
import dev.conductor.auth.event.RefreshReason;
import dev.conductor.auth.test.LeakScanExtension;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.token.ConductorToken;
import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.ConductorTokenSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conductor behind an OAuth2 gateway, end to end over HTTP: an issuer that grants client
 * credentials (WireMock) and an API that answers as an RFC 6750 resource server
 * (WireMock), with the starter configured by
 * {@code conductor.auth.oauth2.registration-id} and the client registration Spring Boot
 * makes of {@code spring.security.oauth2.client.*}, in a real application context.
 */
class OAuth2TokenSourceEndToEndTests {

	private static final String TOKEN_PATH = "/realms/conductor/protocol/openid-connect/token";

	private static final String CLIENT_ID = "conductor-worker";

	private static final String CLIENT_SECRET = TestTokens.KEY_SECRET;

	private static final Issuer issuer = new Issuer();

	@RegisterExtension
	static final WireMockExtension issuerServer = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(issuer))
		.build();

	@RegisterExtension
	static final WireMockExtension api = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class))
		.withBean(ClientRegistrationRepository.class, () -> new InMemoryClientRegistrationRepository(registration()))
		.withPropertyValues("conductor.auth.base-url=" + api.baseUrl() + "/api",
				"conductor.auth.oauth2.registration-id=conductor", "conductor.auth.retry.initial-interval=20ms",
				"conductor.auth.retry.max-interval=50ms");

	/**
	 * What Spring Boot makes of
	 * {@code spring.security.oauth2.client.registration.conductor.*} with
	 * {@code authorization-grant-type=client_credentials} and a provider's
	 * {@code token-uri}: the same on both Boot lines.
	 */
	static ClientRegistration registration() {
		return ClientRegistration.withRegistrationId("conductor")
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(issuerServer.baseUrl() + TOKEN_PATH)
			.build();
	}

	@BeforeEach
	void issuerGrantsAndTheApiAcceptsBearerTokens() {
		issuer.reset(Duration.ofMinutes(5));
		issuerServer.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withTransformers(Issuer.NAME)));
		// a resource server: any bearer token is accepted unless revoked below, a request
		// without one is challenged
		api.stubFor(get(urlPathEqualTo("/api/workflow")).atPriority(10)
			.willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer realm=\"conductor\"")));
		api.stubFor(get(urlPathEqualTo("/api/workflow")).atPriority(5)
			.withHeader("Authorization", matching("Bearer .+"))
			.willReturn(aResponse().withStatus(200).withBody("[]")));
	}

	@Test
	void theFirstTokenIsAClientCredentialsGrantSentAsABearerToken() {
		this.runner.run((context) -> {
			assertThat(call(context).getStatusCode().value()).isEqualTo(200);
			List<LoggedRequest> grants = issuerServer.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
			assertThat(grants).hasSize(1);
			assertThat(grants.get(0).getBodyAsString()).contains("grant_type=client_credentials");
			assertThat(grants.get(0).getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
				.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
			LoggedRequest sent = api.findAll(getRequestedFor(urlPathEqualTo("/api/workflow"))).get(0);
			assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + issuer.issued.get(0));
			assertThat(sent.containsHeader("X-Authorization")).isFalse();
		});
	}

	@Test
	void theTokenIsReplacedInTheBackgroundBeforeItExpires() {
		issuer.reset(Duration.ofSeconds(2));
		RecordingListener<ConductorTokenRefreshedEvent> refreshed = new RecordingListener<>(
				ConductorTokenRefreshedEvent.class);
		this.runner.withBean(RecordingListener.class, () -> refreshed).run((context) -> {
			call(context);
			// a 2 s token is due a second after it arrived: the second grant comes
			// without any request asking for it
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> issuer.issued.size() >= 2);
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> refreshed.events.size() >= 2);
			assertThat(refreshed.events).extracting(ConductorTokenRefreshedEvent::getReason)
				.startsWith(RefreshReason.INITIAL, RefreshReason.SCHEDULED);
			assertThat(call(context).getStatusCode().value()).isEqualTo(200);
			List<LoggedRequest> sent = api.findAll(getRequestedFor(urlPathEqualTo("/api/workflow")));
			assertThat(sent.get(sent.size() - 1).getHeader("Authorization"))
				.isNotEqualTo(sent.get(0).getHeader("Authorization"));
		});
	}

	@Test
	void aRejectedTokenIsReplacedOnceAndTheRequestReplayed() {
		RecordingListener<ConductorTokenRejectedEvent> rejections = new RecordingListener<>(
				ConductorTokenRejectedEvent.class);
		this.runner.withBean(RecordingListener.class, () -> rejections).run((context) -> {
			call(context);
			String first = issuer.issued.get(0);
			api.stubFor(get(urlPathEqualTo("/api/workflow")).atPriority(1)
				.withHeader("Authorization", equalTo("Bearer " + first))
				.willReturn(aResponse().withStatus(401)
					.withHeader("WWW-Authenticate",
							"Bearer realm=\"conductor\", error=\"invalid_token\", error_description=\"revoked\"")));
			assertThat(call(context).getStatusCode().value()).isEqualTo(200);
			assertThat(issuer.issued).hasSize(2);
			List<LoggedRequest> sent = api.findAll(getRequestedFor(urlPathEqualTo("/api/workflow")));
			assertThat(sent).extracting((request) -> request.getHeader("Authorization"))
				.containsExactly("Bearer " + first, "Bearer " + first, "Bearer " + issuer.issued.get(1));
			assertThat(rejections.events).singleElement().satisfies((event) -> {
				assertThat(event.getStatus()).isEqualTo(401);
				assertThat(event.getErrorCode()).isEqualTo("invalid_token");
			});
		});
	}

	@Test
	void insufficientScopeReachesTheCallerWithoutANewToken() {
		api.stubFor(get(urlPathEqualTo("/api/workflow")).atPriority(1)
			.willReturn(aResponse().withStatus(403)
				.withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"conductor:admin\"")
				.withBody("no scope")));
		this.runner.run((context) -> {
			RestClient client = client(context);
			HttpStatusCode status = client.get()
				.uri("/workflow")
				.exchange((request, response) -> response.getStatusCode(), true);
			assertThat(status.value()).isEqualTo(403);
			assertThat(issuer.issued).hasSize(1);
			assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/api/workflow")))).hasSize(1);
		});
	}

	@Test
	void anIssuerOutageSpendsTheBudgetAndEntersTheFatalState() {
		issuerServer.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).willReturn(serviceUnavailable()));
		List<ConductorAuthenticationFatalEvent> handled = new CopyOnWriteArrayList<>();
		this.runner.withPropertyValues("conductor.auth.retry.max-attempts=3")
			.withBean(FatalAuthenticationHandler.class, () -> handled::add)
			.run((context) -> {
				ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
				Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !handled.isEmpty());
				assertThat(manager.getStatus().fatal()).isTrue();
				assertThat(handled).singleElement().satisfies((event) -> assertThat(event.getAttempts()).isEqualTo(3));
				assertThat(issuerServer.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))).hasSize(3);
				assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/api/workflow")))).isEmpty();
				assertThat(handled.get(0).getLastCause().getMessage()).contains("conductor");
				assertNoLeak(handled.get(0).getLastCause().toString());
			});
	}

	@Test
	void withoutExitItHealsOnceTheIssuerIsBack() {
		issuerServer.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).willReturn(serviceUnavailable()));
		RecordingListener<ConductorTokenRefreshedEvent> refreshed = new RecordingListener<>(
				ConductorTokenRefreshedEvent.class);
		this.runner.withPropertyValues("conductor.auth.retry.max-attempts=2", "conductor.auth.exit-on-failure=false")
			.withBean(RecordingListener.class, () -> refreshed)
			.run((context) -> {
				ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
				Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> manager.getStatus().fatal());
				issuerServer.resetMappings();
				issuerServer
					.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withTransformers(Issuer.NAME)));
				Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !manager.getStatus().fatal());
				assertThat(refreshed.events).extracting(ConductorTokenRefreshedEvent::getReason)
					.containsExactly(RefreshReason.RECOVERED);
				assertThat(call(context).getStatusCode().value()).isEqualTo(200);
			});
	}

	@Test
	void aTokenSourceOfTheApplicationReplacesTheDefault() {
		String token = TestTokens.remember(TestTokens.opaque());
		AtomicInteger calls = new AtomicInteger();
		api.stubFor(get(urlPathEqualTo("/api/workflow")).atPriority(1)
			.withHeader("X-Authorization", equalTo(token))
			.willReturn(aResponse().withStatus(200).withBody("[]")));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=" + api.baseUrl() + "/api")
			.withBean(ConductorTokenSource.class, () -> () -> {
				calls.incrementAndGet();
				return ConductorToken.of(token);
			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ConductorTokenSource.class)).isNotInstanceOf(AutoCloseable.class);
				assertThat(call(context).getStatusCode().value()).isEqualTo(200);
				assertThat(calls).hasValue(1);
				assertThat(issuer.issued).isEmpty();
			});
	}

	private static ResponseEntity<String> call(ApplicationContext context) {
		return client(context).get().uri("/workflow").retrieve().toEntity(String.class);
	}

	private static RestClient client(ApplicationContext context) {
		return RestClient.builder()
			.baseUrl(api.baseUrl() + "/api")
			.requestInterceptor(new ConductorAuthInterceptor(context.getBean(ConductorRequestAuthenticator.class)))
			.build();
	}

	private static void assertNoLeak(String text) {
		assertThat(LeakScanExtension.findLeaks(List.of(text.split("\n")), LeakScanExtension.secrets())).isEmpty();
	}

	static final class RecordingListener<E> implements ApplicationListener<ApplicationEvent> {

		final List<E> events = new CopyOnWriteArrayList<>();

		private final Class<E> type;

		RecordingListener(Class<E> type) {
			this.type = type;
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (this.type.isInstance(event)) {
				this.events.add(this.type.cast(event));
			}
		}

	}

	/**
	 * An issuer of opaque access tokens with {@code expires_in}.
	 */
	static final class Issuer implements ResponseDefinitionTransformerV2 {

		static final String NAME = "client-credentials";

		final List<String> issued = new CopyOnWriteArrayList<>();

		private volatile Duration lifetime = Duration.ofMinutes(5);

		void reset(Duration lifetime) {
			this.issued.clear();
			this.lifetime = lifetime;
		}

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			String token = TestTokens.remember(TestTokens.opaque());
			this.issued.add(token);
			return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
				.withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withHeader("Cache-Control", "no-store")
				.withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
						+ this.lifetime.toSeconds() + "}")
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
