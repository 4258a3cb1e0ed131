package dev.conductor.auth.oauth2;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.Assert;

import dev.conductor.auth.token.ConductorToken;
import dev.conductor.auth.token.ConductorTokenSource;
import dev.conductor.auth.token.TokenMintException;

/**
 * A {@link ConductorTokenSource} that gets each token from an OAuth2 issuer with the
 * client credentials grant of a Spring Security {@link ClientRegistration}, for a
 * Conductor server behind an OAuth2 proxy or gateway (Keycloak, oauth2-proxy). Tokens
 * come through an {@link OAuth2AuthorizedClientManager} of its own with Spring Security's
 * client credentials provider, which never reuses a token: every {@link #obtainToken()}
 * is a token request, since the token manager asks only when it wants a new one. The
 * request has a connect timeout and a read timeout that bounds the whole answer, never
 * follows a redirect and runs on daemon threads that {@link #close()} stops. Every
 * failure is a {@link TokenMintException} that names the registration, the token URI and
 * what came back, never the client secret or a token.
 *
 * <pre class="code">
 * &#64;Bean
 * OAuth2ClientCredentialsTokenSource conductorTokenSource(ClientRegistrationRepository registrations) {
 *     return new OAuth2ClientCredentialsTokenSource(registrations.findByRegistrationId("conductor"),
 *             Duration.ofSeconds(5), Duration.ofSeconds(10));
 * }
 * </pre>
 *
 * Spring Security reads the access token response with the JSON library on the class path
 * (Jackson, Gson or JSON-B).
 */
public final class OAuth2ClientCredentialsTokenSource implements ConductorTokenSource, AutoCloseable {

	/**
	 * The life Spring Security gives a token whose response has no {@code expires_in}:
	 * one that lives no longer is taken as a token of unknown life.
	 */
	private static final Duration UNSTATED_LIFETIME = Duration.ofSeconds(1);

	private static final String PRINCIPAL = "conductor-auth";

	private final String description;

	private final TokenEndpointClient endpoint;

	private final OAuth2AuthorizedClientManager authorizedClients;

	private final OAuth2AuthorizeRequest authorizeRequest;

	private final TokenRequestFailures failures;

	/**
	 * Create a source for the given registration.
	 * @param registration a registration with the {@code client_credentials} grant type
	 * @param connectTimeout the longest wait for a connection to the token endpoint
	 * @param readTimeout the longest wait for its whole answer
	 * @throws IllegalArgumentException when the registration has another grant type
	 */
	public OAuth2ClientCredentialsTokenSource(ClientRegistration registration, Duration connectTimeout,
			Duration readTimeout) {
		this(registration, connectTimeout, readTimeout, Clock.systemUTC());
	}

	OAuth2ClientCredentialsTokenSource(ClientRegistration registration, Duration connectTimeout, Duration readTimeout,
			Clock clock) {
		Assert.notNull(registration, "Registration must not be null");
		Assert.isTrue(AuthorizationGrantType.CLIENT_CREDENTIALS.equals(registration.getAuthorizationGrantType()),
				() -> "OAuth2 client registration '" + registration.getRegistrationId() + "' has grant type '"
						+ registration.getAuthorizationGrantType().getValue() + "', not 'client_credentials'");
		Assert.isTrue(isPositive(connectTimeout) && isPositive(readTimeout), "Timeouts must be positive");
		URI tokenUri = URI.create(registration.getProviderDetails().getTokenUri());
		this.description = "OAuth2 client credentials '" + registration.getRegistrationId() + "' at "
				+ withoutUserInfo(tokenUri);
		this.failures = new TokenRequestFailures(this.description, secrets(registration, tokenUri), connectTimeout,
				readTimeout, clock);
		this.endpoint = new TokenEndpointClient(connectTimeout, readTimeout);
		RestClientClientCredentialsTokenResponseClient tokenResponses = new RestClientClientCredentialsTokenResponseClient();
		tokenResponses.setRestClient(this.endpoint.restClient());
		tokenResponses.setParametersCustomizer((parameters) -> parameters
			.computeIfPresent(OAuth2ParameterNames.CLIENT_SECRET, (name, values) -> new UnloggedValues(values)));
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenResponses);
		ClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(provider);
		// never saved, so the provider never finds a token to reuse (it would, until a
		// minute before expiry) and the service holds nothing that grows
		manager.setAuthorizationSuccessHandler((authorizedClient, principal, attributes) -> {
		});
		this.authorizedClients = manager;
		this.authorizeRequest = OAuth2AuthorizeRequest.withClientRegistrationId(registration.getRegistrationId())
			.principal(PRINCIPAL)
			.build();
	}

	/**
	 * Request a new access token from the issuer.
	 * @return the token, with its expiry when the issuer said how long it lives
	 * @throws TokenMintException when the request failed or the answer holds no usable
	 * token
	 */
	@Override
	public ConductorToken obtainToken() {
		OAuth2AuthorizedClient authorizedClient;
		try {
			authorizedClient = this.authorizedClients.authorize(this.authorizeRequest);
		}
		catch (RuntimeException ex) {
			throw this.failures.describe(ex);
		}
		if (authorizedClient == null) {
			throw new TokenMintException(this.description + " authorized no client", null);
		}
		return toConductorToken(authorizedClient.getAccessToken());
	}

	/**
	 * Stop the HTTP client's threads.
	 */
	@Override
	public void close() {
		this.endpoint.close();
	}

	@Override
	public String toString() {
		return this.description;
	}

	private ConductorToken toConductorToken(OAuth2AccessToken accessToken) {
		if (!OAuth2AccessToken.TokenType.BEARER.equals(accessToken.getTokenType())) {
			throw new TokenMintException(this.description + " answered a token of type '"
					+ accessToken.getTokenType().getValue() + "', where only 'Bearer' can be sent", null);
		}
		String value = accessToken.getTokenValue();
		if (!value.chars().allMatch((ch) -> ch > 0x20 && ch < 0x7f)) {
			throw new TokenMintException(
					this.description + " answered an access token that holds characters an HTTP header cannot carry",
					null);
		}
		Instant issuedAt = accessToken.getIssuedAt();
		Instant expiresAt = accessToken.getExpiresAt();
		if (issuedAt == null || expiresAt == null || !expiresAt.isAfter(issuedAt.plus(UNSTATED_LIFETIME))) {
			// no expires_in: the token's own exp claim or token-ttl
			return ConductorToken.of(value);
		}
		return ConductorToken.of(value, expiresAt, issuedAt);
	}

	private static List<String> secrets(ClientRegistration registration, URI tokenUri) {
		List<String> secrets = new ArrayList<>();
		if (registration.getClientSecret() != null) {
			secrets.add(registration.getClientSecret());
		}
		if (tokenUri.getRawUserInfo() != null) {
			secrets.add(tokenUri.getRawUserInfo());
		}
		return secrets;
	}

	private static String withoutUserInfo(URI uri) {
		String authority = (uri.getRawAuthority() != null) ? uri.getRawAuthority().replaceFirst("^.*@", "") : "";
		return uri.getScheme() + "://" + authority + ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

}
