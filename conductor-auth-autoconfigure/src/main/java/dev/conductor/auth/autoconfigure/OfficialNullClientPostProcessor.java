package dev.conductor.auth.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.StringUtils;

/**
 * Keeps a client bean of the official Conductor Spring modules that will be {@code null}
 * out of dependency injection. The Spring Boot 3 module ({@code conductor-client-spring})
 * registers its {@code @Primary} {@code ApiClient} whatever the properties say, and its
 * method returns {@code null} when none of {@code conductor.client.root-uri},
 * {@code conductor.client.base-path} and {@code conductor.server.url} is set: a
 * {@code @Primary} null bean would win every injection of a {@code ConductorClient} and
 * fail it, conductor-auth's client notwithstanding. Such a definition is made neither
 * primary nor a candidate for autowiring, so that injection finds the client there is. It
 * reads the properties as the module does, and changes nothing when a URL is set.
 */
final class OfficialNullClientPostProcessor implements BeanFactoryPostProcessor {

	static final String ORKES_AUTO_CONFIGURATION = "io.orkes.conductor.client.spring.OrkesConductorClientAutoConfiguration";

	static final String CONDUCTOR_AUTO_CONFIGURATION = "com.netflix.conductor.client.spring.ConductorClientAutoConfiguration";

	private final Environment environment;

	OfficialNullClientPostProcessor(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if (willBeNull(definition)) {
				definition.setPrimary(false);
				definition.setAutowireCandidate(false);
			}
		}
	}

	private boolean willBeNull(BeanDefinition definition) {
		MethodMetadata method = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		if (method == null) {
			return false;
		}
		String declaringClass = method.getDeclaringClassName();
		if (ORKES_AUTO_CONFIGURATION.equals(declaringClass) && method.getMethodName().equals("orkesConductorClient")) {
			return basePath() == null && this.environment.getProperty("conductor.server.url") == null;
		}
		if (CONDUCTOR_AUTO_CONFIGURATION.equals(declaringClass) && method.getMethodName().equals("conductorClient")) {
			return basePath() == null;
		}
		return false;
	}

	/**
	 * The module's base path: {@code root-uri} unless blank, else {@code base-path}.
	 */
	private @Nullable String basePath() {
		String rootUri = this.environment.getProperty("conductor.client.root-uri");
		return StringUtils.hasText(rootUri) ? rootUri : this.environment.getProperty("conductor.client.base-path");
	}

}
