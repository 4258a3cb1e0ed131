package dev.conductor.auth.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.util.ClassUtils;

import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.oauth2.OAuth2ClientCredentialsTokenSource;
import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.ConductorTokenSource;
import dev.conductor.auth.token.OrkesTokenSource;

/**
 * Auto-configuration of the Conductor token: the {@link ConductorTokenSource} (an
 * application key, an OAuth2 client-credentials registration, or the application's own
 * bean), the {@link ConductorTokenManager} built around it from {@code conductor.auth.*},
 * the {@link ConductorRequestAuthenticator} that the HTTP client adapters share, the
 * first mint as the application starts, the {@link FatalAuthenticationHandler} that acts
 * when authentication is lost for good, and the
 * {@link ConductorScopedHttpClientsPostProcessor} that keeps the HTTP clients of Boot's
 * builders from following a redirect with the token.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "conductor.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConductorAuthProperties.class)
public final class ConductorAuthAutoConfiguration {

	@Bean
	ConductorAuthSettings conductorAuthSettings(ConductorAuthProperties properties, Environment environment) {
		return ConductorAuthSettings.of(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	ConductorTokenManager conductorTokenManager(ConductorTokenSource tokenSource, ConductorAuthSettings settings,
			ApplicationEventPublisher eventPublisher, ObjectProvider<ObservationRegistry> observationRegistry) {
		ConductorAuthProperties properties = settings.properties();
		ConductorAuthProperties.Retry retry = properties.getRetry();
		return ConductorTokenManager.builder(tokenSource)
			.tokenTtl(properties.getTokenTtl())
			.refreshBeforeExpiry(properties.getRefreshBeforeExpiry())
			.clockSkew(properties.getClockSkew())
			.acquireTimeout(properties.getAcquireTimeout())
			.retry(retry.getMaxAttempts(), retry.getInitialInterval(), retry.getMultiplier(), retry.getMaxInterval())
			.exitCode(properties.getExitCode())
			.recoverAfterFatal(!properties.isExitOnFailure())
			.eventPublisher(eventPublisher)
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ConductorRequestAuthenticator conductorRequestAuthenticator(ConductorTokenManager tokenManager,
			ConductorAuthSettings settings, ApplicationEventPublisher eventPublisher,
			ObjectProvider<ConductorTokenSource> tokenSource) {
		TokenSourceConventions conventions = TokenSourceConventions.of(settings.properties(),
				tokenSource.getIfUnique());
		return ConductorRequestAuthenticator.builder(tokenManager, settings.baseUrl())
			.headerName(conventions.headerName())
			.headerPrefix(conventions.headerPrefix())
			.tokenErrorDetector(conventions.detector())
			.eventPublisher(eventPublisher)
			.build();
	}

	@Bean
	ConductorTokenManagerStarter conductorTokenManagerStarter(ConductorTokenManager tokenManager,
			ConductorAuthProperties properties) {
		return new ConductorTokenManagerStarter(tokenManager, properties.isFailFast());
	}

	@Bean
	@ConditionalOnMissingBean(FatalAuthenticationHandler.class)
	DefaultFatalAuthenticationHandler defaultFatalAuthenticationHandler(ConfigurableApplicationContext context,
			ConductorAuthProperties properties) {
		return new DefaultFatalAuthenticationHandler(context, properties.isExitOnFailure(), properties.isFailFast());
	}

	@Bean
	FatalAuthenticationListener fatalAuthenticationListener(FatalAuthenticationHandler handler) {
		return new FatalAuthenticationListener(handler);
	}

	/**
	 * Tokens from an OAuth2 issuer, when {@code conductor.auth.oauth2.registration-id}
	 * names a client-credentials registration.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = ApplicationKeyCondition.OAUTH2_CLIENT)
	@ConditionalOnProperty(ApplicationKeyCondition.REGISTRATION_ID)
	static class OAuth2TokenSourceConfiguration {

		@Bean
		@ConditionalOnMissingBean({ ConductorTokenSource.class, ConductorTokenManager.class })
		OAuth2ClientCredentialsTokenSource conductorTokenSource(ConductorAuthSettings settings,
				ObjectProvider<ClientRegistrationRepository> registrations,
				ObjectProvider<ReactiveClientRegistrationRepository> reactiveRegistrations) {
			ClientRegistration registration = OAuth2Registrations.find(settings.oauth2RegistrationId(),
					registrations.getIfAvailable(), reactiveRegistrations.getIfAvailable());
			ConductorAuthProperties properties = settings.properties();
			return new OAuth2ClientCredentialsTokenSource(registration, properties.getConnectTimeout(),
					properties.getReadTimeout());
		}

	}

	/**
	 * Tokens minted with an application key at the Conductor server's token endpoint: the
	 * default.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(ApplicationKeyCondition.class)
	static class OrkesTokenSourceConfiguration {

		@Bean
		@ConditionalOnMissingBean({ ConductorTokenSource.class, ConductorTokenManager.class })
		OrkesTokenSource conductorTokenSource(ConductorAuthSettings settings) {
			settings.checkNoOAuth2Registration();
			ConductorAuthProperties properties = settings.properties();
			return new OrkesTokenSource(settings.tokenUri(), settings.keyId(), settings.keySecret(),
					properties.getConnectTimeout(), properties.getReadTimeout());
		}

	}

	/**
	 * Matches unless {@code conductor.auth.oauth2.registration-id} is set and Spring
	 * Security's OAuth2 client is there to use it: set without it, the application key's
	 * source fails startup and says what is missing.
	 */
	static class ApplicationKeyCondition extends SpringBootCondition {

		static final String REGISTRATION_ID = "conductor.auth.oauth2.registration-id";

		static final String OAUTH2_CLIENT = "org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager";

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("Conductor application key");
			if (context.getEnvironment().containsProperty(REGISTRATION_ID)
					&& ClassUtils.isPresent(OAUTH2_CLIENT, context.getClassLoader())) {
				return ConditionOutcome.noMatch(message.because(REGISTRATION_ID + " names an OAuth2 registration"));
			}
			return ConditionOutcome.match(message.because("no OAuth2 registration is named"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpClientSettings.class)
	static class ScopedHttpClientsConfiguration {

		@Bean
		static ConductorScopedHttpClientsPostProcessor conductorScopedHttpClientsPostProcessor(
				ObjectProvider<ConductorRequestAuthenticator> authenticator) {
			return new ConductorScopedHttpClientsPostProcessor(authenticator);
		}

	}

}
