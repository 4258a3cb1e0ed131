package dev.conductor.auth.autoconfigure;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.metrics.MetricsCollector;
import okhttp3.Interceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

import dev.conductor.auth.client.ConductorAuthHeaderSupplier;
import dev.conductor.auth.client.ConductorAuthOkHttpInterceptor;
import dev.conductor.auth.client.ConductorRequestAuthenticator;

/**
 * Auto-configuration for the official Conductor Java client
 * ({@code org.conductoross:conductor-client}): the {@link ConductorAuthHeaderSupplier}
 * and {@link ConductorAuthOkHttpInterceptor} that give it the token, the application's
 * one client for {@code conductor.auth.base-url} built with both
 * ({@link ConductorClientFactory}: an {@code io.orkes.conductor.client.ApiClient} from
 * conductor-client 5 on, a {@link ConductorClient} before), the shutdown of every worker
 * runner bean when the application stops, and a warning about what would still keep a
 * client or a worker away from the token.
 *
 * <p>
 * It runs before the auto-configurations of the official Spring modules, so that their
 * {@code ConductorClient} and their {@code @Primary} {@code ApiClient} back off in favour
 * of this one, and every client, executor and worker runner they build carries the
 * starter's token.
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
	TaskRunnerShutdownLifecycle conductorTaskRunnerShutdownLifecycle(ConfigurableListableBeanFactory beanFactory) {
		return new TaskRunnerShutdownLifecycle(beanFactory);
	}

	@Bean
	static OfficialNullClientPostProcessor conductorAuthOfficialNullClientPostProcessor(Environment environment) {
		return new OfficialNullClientPostProcessor(environment);
	}

	@Bean
	ConductorJavaClientCoexistenceCheck conductorJavaClientCoexistenceCheck(
			ConfigurableListableBeanFactory beanFactory) {
		return new ConductorJavaClientCoexistenceCheck(beanFactory);
	}

	private static ConductorClientFactory clientFactory(ConductorAuthSettings settings,
			ConductorAuthHeaderSupplier headerSupplier, ConductorAuthOkHttpInterceptor interceptor,
			Environment environment, ObjectProvider<MetricsCollector> metricsCollector,
			ConfigurableListableBeanFactory beanFactory) {
		return new ConductorClientFactory(settings, headerSupplier, interceptor, environment,
				metricsCollector.getIfUnique(), beanFactory.getBeanClassLoader());
	}

	/**
	 * conductor-client 4: a {@link ConductorClient}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(ConductorClientFactory.API_CLIENT)
	@ConditionalOnMissingBean(ConductorClient.class)
	static class ConductorClientConfiguration {

		@Bean
		ConductorClient conductorClient(ConductorAuthSettings settings, ConductorAuthHeaderSupplier headerSupplier,
				ConductorAuthOkHttpInterceptor interceptor, Environment environment,
				ObjectProvider<MetricsCollector> metricsCollector, ConfigurableListableBeanFactory beanFactory) {
			return clientFactory(settings, headerSupplier, interceptor, environment, metricsCollector, beanFactory)
				.create();
		}

	}

	/**
	 * conductor-client 5 and later: an {@code io.orkes.conductor.client.ApiClient},
	 * registered with that type (see {@link ApiClientRegistrar}) so that the official
	 * Spring modules' {@code @ConditionalOnMissingBean} sees it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = ConductorClientFactory.API_CLIENT)
	@ConditionalOnMissingBean(ConductorClient.class)
	@Import(ApiClientRegistrar.class)
	static class ApiClientConfiguration {

		@Bean
		ConductorClientFactory conductorAuthClientFactory(ConductorAuthSettings settings,
				ConductorAuthHeaderSupplier headerSupplier, ConductorAuthOkHttpInterceptor interceptor,
				Environment environment, ObjectProvider<MetricsCollector> metricsCollector,
				ConfigurableListableBeanFactory beanFactory) {
			return clientFactory(settings, headerSupplier, interceptor, environment, metricsCollector, beanFactory);
		}

	}

	/**
	 * Registers the {@code conductorClient} bean made by
	 * {@link ConductorClientFactory#create()} with the type
	 * {@code io.orkes.conductor.client.ApiClient}, which a {@code @Bean} method cannot
	 * declare: conductor-auth compiles against conductor-client 4, which has no such
	 * class.
	 */
	static class ApiClientRegistrar implements ImportBeanDefinitionRegistrar, BeanClassLoaderAware {

		private @Nullable ClassLoader classLoader;

		@Override
		public void setBeanClassLoader(ClassLoader classLoader) {
			this.classLoader = classLoader;
		}

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			RootBeanDefinition definition = new RootBeanDefinition();
			definition.setTargetType(ClassUtils.resolveClassName(ConductorClientFactory.API_CLIENT, this.classLoader));
			definition.setFactoryBeanName("conductorAuthClientFactory");
			definition.setFactoryMethodName("create");
			// ConductorClient.shutdown(), as for a @Bean method
			definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
			registry.registerBeanDefinition("conductorClient", definition);
		}

	}

}
