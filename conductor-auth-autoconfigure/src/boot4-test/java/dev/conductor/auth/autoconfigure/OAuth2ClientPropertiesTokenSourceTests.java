package dev.conductor.auth.autoconfigure;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.conductor.auth.oauth2.OAuth2ClientCredentialsTokenSource;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.ConductorTokenSource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OAuth2 source as a user configures it on Spring Boot 4: the registration written as
 * {@code spring.security.oauth2.client.*} properties, read by Boot's own
 * auto-configuration, named by {@code conductor.auth.oauth2.registration-id}.
 */
class OAuth2ClientPropertiesTokenSourceTests {

	private static final String TOKEN_PATH = "/realms/conductor/protocol/openid-connect/token";

	@RegisterExtension
	static final WireMockExtension issuer = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@Test
	void aRegistrationWrittenAsPropertiesIsTheSourceOfTheTokens() {
		String token = TestTokens.remember(TestTokens.opaque());
		issuer.stubFor(post(urlPathEqualTo(TOKEN_PATH))
			.willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(OAuth2ClientAutoConfiguration.class, ConductorAuthAutoConfiguration.class))
			.withPropertyValues("conductor.auth.base-url=http://127.0.0.1:9/api",
					"conductor.auth.oauth2.registration-id=conductor",
					"spring.security.oauth2.client.registration.conductor.provider=keycloak",
					"spring.security.oauth2.client.registration.conductor.client-id=conductor-worker",
					"spring.security.oauth2.client.registration.conductor.client-secret=" + TestTokens.KEY_SECRET,
					"spring.security.oauth2.client.registration.conductor.authorization-grant-type=client_credentials",
					"spring.security.oauth2.client.registration.conductor.scope=conductor",
					"spring.security.oauth2.client.provider.keycloak.token-uri=" + issuer.baseUrl() + TOKEN_PATH)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ConductorTokenSource.class))
					.isInstanceOf(OAuth2ClientCredentialsTokenSource.class);
				assertThat(context.getBean(ConductorTokenManager.class).getToken()).isEqualTo(token);
				List<LoggedRequest> grants = issuer.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
				assertThat(grants).singleElement()
					.satisfies((grant) -> assertThat(grant.getBodyAsString()).contains("grant_type=client_credentials")
						.contains("scope=conductor"));
			});
	}

}
