package dev.conductor.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.netflix.conductor.client.http.ConductorClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

import dev.conductor.auth.client.ConductorAuthHeaderSupplier;

/**
 * Warns, once every singleton exists, about what still keeps the official Conductor Java
 * client away from conductor-auth's token:
 * <ul>
 * <li>{@link ConductorClient} beans built without {@link ConductorAuthHeaderSupplier}: a
 * user's own, or the official Spring modules' {@code @Primary} {@code ApiClient} when a
 * user's {@code ConductorClient} that is not an {@code ApiClient} made conductor-auth's
 * back off. With credentials such a client mints a token of its own (and from
 * conductor-client 5.1 on, its workers exit the JVM with {@code System.exit(1)} when that
 * token cannot be refreshed); without them its requests carry none;</li>
 * <li>the {@code @WorkerTask} runner that the official module's
 * {@code ConductorWorkerAutoConfiguration} starts outside the bean factory, when
 * conductor-auth's {@link ConductorAuthWorkerAutoConfiguration} could not take its place:
 * nothing stops its polling when authentication is lost for good.</li>
 * </ul>
 * A configuration that conductor-auth serves whole draws no warning. It names beans,
 * never a value.
 */
final class ConductorJavaClientCoexistenceCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ConductorJavaClientCoexistenceCheck.class);

	private final ConfigurableListableBeanFactory beanFactory;

	ConductorJavaClientCoexistenceCheck(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : clientsWithoutToken()) {
			logger.warn("The ConductorClient bean '" + name + "' is not built with conductor-auth's "
					+ "ConductorAuthHeaderSupplier: with credentials it mints a token of its own (and its workers may "
					+ "exit the JVM with System.exit(1) when that token cannot be refreshed), without them its requests "
					+ "carry no token. Let conductor-auth's client bean be the only one (define no ConductorClient, or "
					+ "an io.orkes.conductor.client.ApiClient that wins over the official module's), or build this one "
					+ "with the ConductorAuthHeaderSupplier and ConductorAuthOkHttpInterceptor beans.");
		}
		if (officialWorkerRunnerIsActive()) {
			logger
				.warn("The official Conductor module's ConductorWorkerAutoConfiguration starts the @WorkerTask workers "
						+ "outside the bean factory, where conductor-auth cannot stop their polling when authentication is "
						+ "lost for good. conductor-auth runs them in its place, as a bean, unless "
						+ "ConductorAuthWorkerAutoConfiguration is excluded or the module has changed beyond what it knows.");
		}
	}

	private boolean officialWorkerRunnerIsActive() {
		ClassLoader classLoader = this.beanFactory.getBeanClassLoader();
		if (!ClassUtils.isPresent(WorkerTaskRunner.OFFICIAL_WORKER_AUTO_CONFIGURATION, classLoader)) {
			return false;
		}
		Class<?> type = ClassUtils.resolveClassName(WorkerTaskRunner.OFFICIAL_WORKER_AUTO_CONFIGURATION, classLoader);
		return this.beanFactory.getBeanNamesForType(type, false, false).length > 0;
	}

	private List<String> clientsWithoutToken() {
		List<ConductorAuthHeaderSupplier> suppliers = this.beanFactory
			.getBeanProvider(ConductorAuthHeaderSupplier.class)
			.stream()
			.toList();
		List<String> names = new ArrayList<>();
		for (String name : this.beanFactory.getBeanNamesForType(ConductorClient.class, false, false)) {
			if (this.beanFactory.containsSingleton(name)
					&& this.beanFactory.getSingleton(name) instanceof ConductorClient client
					&& suppliers.stream().noneMatch((supplier) -> supplier.serves(client))) {
				names.add(name);
			}
		}
		return names;
	}

}
