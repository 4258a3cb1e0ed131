package dev.conductor.auth.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.oauth2.OAuth2ClientCredentialsTokenSource;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorToken;
import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.ConductorTokenSource;
import dev.conductor.auth.token.OrkesTokenSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which {@link ConductorTokenSource} the auto-configuration picks (an application key by
 * default, an OAuth2 client-credentials registration when
 * {@code conductor.auth.oauth2.registration-id} names one, the application's own bean
 * before either), the header and rejection rule that follow it, and the startup failure
 * report when the registration cannot be used.
 */
class ConductorTokenSourceAutoConfigurationTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class))
		.withPropertyValues("conductor.auth.base-url=" + server.baseUrl());

	private ApplicationContextRunner withKey() {
		server.issuesTokens();
		return this.runner.withPropertyValues("conductor.auth.key-id=" + TestTokens.KEY_ID,
				"conductor.auth.key-secret=" + TestTokens.KEY_SECRET);
	}

	private ApplicationContextRunner withRegistration() {
		ClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
				registration("conductor", AuthorizationGrantType.CLIENT_CREDENTIALS),
				registration("other", AuthorizationGrantType.CLIENT_CREDENTIALS));
		return this.runner.withPropertyValues("conductor.auth.oauth2.registration-id=conductor")
			.withBean(ClientRegistrationRepository.class, () -> registrations);
	}

	@Test
	void theDefaultSourceIsTheApplicationKeyWithConductorsHeader() {
		withKey().run((context) -> {
			assertThat(context).hasSingleBean(ConductorTokenSource.class);
			assertThat(context.getBean(ConductorTokenSource.class)).isInstanceOf(OrkesTokenSource.class);
			ConductorRequestAuthenticator authenticator = context.getBean(ConductorRequestAuthenticator.class);
			assertThat(authenticator.getHeaderName()).isEqualTo("X-Authorization");
			assertThat(authenticator.getHeaderPrefix()).isEmpty();
			assertThat(context.getBean(ConductorTokenManager.class).getToken()).isEqualTo(server.lastIssued());
		});
	}

	@Test
	void aRegistrationIdSelectsTheOAuth2SourceWithABearerHeaderAndNeedsNoKey() {
		withRegistration().run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ConductorTokenSource.class);
			assertThat(context.getBean(ConductorTokenSource.class))
				.isInstanceOf(OAuth2ClientCredentialsTokenSource.class)
				.hasToString("OAuth2 client credentials 'conductor' at http://127.0.0.1:9/token");
			ConductorRequestAuthenticator authenticator = context.getBean(ConductorRequestAuthenticator.class);
			assertThat(authenticator.getHeaderName()).isEqualTo("Authorization");
			assertThat(authenticator.getHeaderPrefix()).isEqualTo("Bearer ");
			assertThat(server.mintCount()).isZero();
		});
	}

	@Test
	void theHeaderPropertiesOverrideTheSourcesConventions() {
		withRegistration()
			.withPropertyValues("conductor.auth.header-name=X-Authorization", "conductor.auth.header-prefix=")
			.run((context) -> {
				ConductorRequestAuthenticator authenticator = context.getBean(ConductorRequestAuthenticator.class);
				assertThat(authenticator.getHeaderName()).isEqualTo("X-Authorization");
				assertThat(authenticator.getHeaderPrefix()).isEmpty();
			});
	}

	@Test
	void aSchemeWithoutItsSpaceGetsOne() {
		ConductorAuthProperties properties = new ConductorAuthProperties();
		properties.setHeaderPrefix("Bearer");
		assertThat(TokenSourceConventions.of(properties, null).headerPrefix()).isEqualTo("Bearer ");
		properties.setHeaderPrefix("token=");
		assertThat(TokenSourceConventions.of(properties, null).headerPrefix()).isEqualTo("token=");
	}

	@Test
	void theRefreshErrorsFollowTheRejectionRule() {
		ConductorAuthProperties properties = new ConductorAuthProperties();
		assertThat(TokenSourceConventions.of(properties, null).refreshErrors()).containsExactly("EXPIRED_TOKEN",
				"INVALID_TOKEN");
		properties.setRejection(ConductorAuthProperties.Rejection.BEARER_ERROR);
		TokenSourceConventions bearer = TokenSourceConventions.of(properties, null);
		assertThat(bearer.refreshErrors()).containsExactly("invalid_token");
		// a source of the application's keeps Conductor's header unless told otherwise
		assertThat(bearer.headerName()).isEqualTo("X-Authorization");
		assertThat(bearer.headerPrefix()).isEmpty();
	}

	@Test
	void aReactiveApplicationsRegistrationIsFoundToo() {
		ReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration("conductor", AuthorizationGrantType.CLIENT_CREDENTIALS));
		this.runner.withPropertyValues("conductor.auth.oauth2.registration-id=conductor")
			.withBean(ReactiveClientRegistrationRepository.class, () -> registrations)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(ConductorTokenSource.class)
				.isInstanceOf(OAuth2ClientCredentialsTokenSource.class));
	}

	@Test
	void aSourceOfTheApplicationWinsOverBothAndNeedsNoKey() {
		ConductorTokenSource own = () -> ConductorToken.of(TestTokens.opaque());
		withRegistration().withBean(ConductorTokenSource.class, () -> own).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ConductorTokenSource.class);
			assertThat(context.getBean(ConductorTokenSource.class)).isSameAs(own);
			assertThat(context.getBean(ConductorRequestAuthenticator.class).getHeaderName())
				.isEqualTo("X-Authorization");
		});
	}

	@Test
	void aTokenManagerOfTheApplicationNeedsNoSource() {
		ConductorTokenManager own = ConductorTokenManager.builder(() -> ConductorToken.of(TestTokens.opaque())).build();
		this.runner.withBean(ConductorTokenManager.class, () -> own)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConductorTokenSource.class));
	}

	@Test
	void anUnknownRegistrationFailsStartupNamingTheKnownOnes() {
		withRegistration().withPropertyValues("conductor.auth.oauth2.registration-id=conductr").run((context) -> {
			assertFailure(context, "no client registration 'conductr' is configured (configured: ",
					"spring.security.oauth2.client.registration.conductr.");
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("conductor")
				.hasMessageContaining("other");
		});
	}

	@Test
	void aRegistrationOfAnotherGrantFailsStartup() {
		ClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
				registration("conductor", AuthorizationGrantType.AUTHORIZATION_CODE));
		this.runner.withPropertyValues("conductor.auth.oauth2.registration-id=conductor")
			.withBean(ClientRegistrationRepository.class, () -> registrations)
			.run((context) -> assertFailure(context, "has the grant type 'authorization_code'",
					"authorization-grant-type=client_credentials"));
	}

	@Test
	void aBlankRegistrationIdFailsStartup() {
		withRegistration().withPropertyValues("conductor.auth.oauth2.registration-id= ")
			.run((context) -> assertFailure(context, "it is blank",
					"remove it to mint tokens with an application key"));
	}

	@Test
	void aRegistrationIdWithoutSpringSecurityFailsStartupNamingTheDependency() {
		withKey().withPropertyValues("conductor.auth.oauth2.registration-id=conductor")
			.withClassLoader(new FilteredClassLoader("org.springframework.security."))
			.run((context) -> assertFailure(context, "spring-security-oauth2-client is not on the class path",
					"spring-boot-starter-security-oauth2-client"));
	}

	private static ClientRegistration registration(String id, AuthorizationGrantType grant) {
		ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(id)
			.clientId("conductor-worker")
			.clientSecret(TestTokens.KEY_SECRET)
			.authorizationGrantType(grant)
			.tokenUri("http://127.0.0.1:9/token");
		if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(grant)) {
			builder.redirectUri("http://127.0.0.1:9/callback").authorizationUri("http://127.0.0.1:9/authorize");
		}
		return builder.build();
	}

	private static void assertFailure(AssertableApplicationContext context, String problem, String fix) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidConductorAuthPropertyFailureAnalyzer()
			.analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("'conductor.auth.oauth2.registration-id'").contains(problem);
		assertThat(analysis.getAction()).contains(fix);
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(TestTokens.KEY_SECRET);
	}

}
