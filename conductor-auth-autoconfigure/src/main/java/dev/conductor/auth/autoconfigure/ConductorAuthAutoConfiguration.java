package dev.conductor.auth.autoconfigure;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.token.ConductorTokenManager;

/**
 * Auto-configuration of the Conductor token: the {@link ConductorTokenManager} built from
 * {@code conductor.auth.*}, the {@link ConductorRequestAuthenticator} that the HTTP
 * client adapters share, the first mint as the application starts, the
 * {@link FatalAuthenticationHandler} that acts when authentication is lost for good, and
 * the {@link ConductorScopedHttpClientsPostProcessor} that keeps the HTTP clients of
 * Boot's builders from following a redirect with the token.
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
	ConductorTokenManager conductorTokenManager(ConductorAuthSettings settings,
			ApplicationEventPublisher eventPublisher, ObjectProvider<ObservationRegistry> observationRegistry) {
		ConductorAuthProperties properties = settings.properties();
		ConductorAuthProperties.Retry retry = properties.getRetry();
		return ConductorTokenManager.builder(settings.tokenUri(), settings.keyId(), settings.keySecret())
			.timeouts(properties.getConnectTimeout(), properties.getReadTimeout())
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
			ConductorAuthSettings settings, ApplicationEventPublisher eventPublisher) {
		ConductorAuthProperties properties = settings.properties();
		return ConductorRequestAuthenticator.builder(tokenManager, settings.baseUrl())
			.headerName(properties.getHeaderName())
			.refreshErrors(List.copyOf(properties.getRefreshErrors()))
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
