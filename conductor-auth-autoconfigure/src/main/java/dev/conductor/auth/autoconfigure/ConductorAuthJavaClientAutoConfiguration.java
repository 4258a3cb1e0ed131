package dev.conductor.auth.autoconfigure;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.ConductorClient;
import okhttp3.Interceptor;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.conductor.auth.client.ConductorAuthHeaderSupplier;
import dev.conductor.auth.client.ConductorAuthOkHttpInterceptor;
import dev.conductor.auth.client.ConductorRequestAuthenticator;

/**
 * Auto-configuration for the official Conductor Java client
 * ({@code org.conductoross:conductor-client}): the {@link ConductorAuthHeaderSupplier}
 * and {@link ConductorAuthOkHttpInterceptor} that give it the token, a
 * {@link ConductorClient} for {@code conductor.auth.base-url} built with both (so that a
 * {@code TaskClient} or {@code TaskRunnerConfigurer} built from it carries the token),
 * the shutdown of every {@link TaskRunnerConfigurer} bean when the application stops, and
 * a warning when something would make the client keep a token of its own.
 *
 * <p>
 * It runs before the auto-configurations of the official Spring modules, so that their
 * {@code ConductorClient} backs off in favour of this one.
 */
@AutoConfiguration(after = ConductorAuthAutoConfiguration.class,
		beforeName = { "com.netflix.conductor.client.spring.ConductorClientAutoConfiguration",
				"io.orkes.conductor.client.spring.OrkesConductorClientAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "conductor.auth.enabled", matchIfMissing = true)
@ConditionalOnClass({ ConductorClient.class, Interceptor.class })
@ConditionalOnBean(ConductorRequestAuthenticator.class)
public final class ConductorAuthJavaClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConductorAuthHeaderSupplier conductorAuthHeaderSupplier(ConductorRequestAuthenticator authenticator,
			ConductorAuthSettings settings) {
		return new ConductorAuthHeaderSupplier(authenticator, settings.properties().getTokenPath());
	}

	@Bean
	@ConditionalOnMissingBean
	ConductorAuthOkHttpInterceptor conductorAuthOkHttpInterceptor(ConductorRequestAuthenticator authenticator,
			ConductorAuthSettings settings) {
		return new ConductorAuthOkHttpInterceptor(authenticator, settings.properties().getTokenPath());
	}

	@Bean
	@ConditionalOnMissingBean(ConductorClient.class)
	ConductorClient conductorClient(ConductorAuthSettings settings, ConductorAuthHeaderSupplier headerSupplier,
			ConductorAuthOkHttpInterceptor interceptor) {
		return ConductorClient.builder()
			.basePath(settings.baseUrl().toString())
			.addHeaderSupplier(headerSupplier)
			// the first interceptor, so that a replay passes through every later one;
			// no redirects, which would take the token header to another host
			.configureOkHttp(
					(okHttp) -> okHttp.addInterceptor(interceptor).followRedirects(false).followSslRedirects(false))
			.build();
	}

	@Bean
	TaskRunnerShutdownLifecycle conductorTaskRunnerShutdownLifecycle(ConfigurableListableBeanFactory beanFactory) {
		return new TaskRunnerShutdownLifecycle(beanFactory);
	}

	@Bean
	ConductorJavaClientCoexistenceCheck conductorJavaClientCoexistenceCheck(ConfigurableListableBeanFactory beanFactory,
			Environment environment) {
		return new ConductorJavaClientCoexistenceCheck(beanFactory, environment);
	}

}
