package dev.conductor.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.netflix.conductor.client.http.ConductorClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.conductor.auth.client.ConductorAuthHeaderSupplier;

/**
 * Warns, once every singleton exists, about what would make the official Conductor Java
 * client keep a token of its own beside conductor-auth's, or none at all:
 * <ul>
 * <li>its own credentials: the {@code conductor.client.*} and
 * {@code conductor.security.client.*} keys that the official Spring modules read, and the
 * {@code CONDUCTOR_AUTH_KEY} / {@code CONDUCTOR_AUTH_SECRET} variables that
 * {@code io.orkes.conductor.client.ApiClient} reads. A client built with them mints its
 * own token, and when its refresh fails five times in a row, conductor-client 6 calls
 * {@code System.exit(1)} from the polling thread of a worker;</li>
 * <li>{@link ConductorClient} beans built without {@link ConductorAuthHeaderSupplier},
 * such as the {@code @Primary} {@code ApiClient} of the official Spring modules, whose
 * requests carry no conductor-auth token.</li>
 * </ul>
 * It names properties and beans, never a value.
 */
final class ConductorJavaClientCoexistenceCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ConductorJavaClientCoexistenceCheck.class);

	private static final String SPRING_MODULE = "io.orkes.conductor.client.spring.OrkesConductorClientAutoConfiguration";

	private static final String API_CLIENT = "io.orkes.conductor.client.ApiClient";

	private static final List<String> SPRING_MODULE_CREDENTIALS = List.of("conductor.client.key-id",
			"conductor.client.keyId", "conductor.client.secret", "conductor.security.client.key-id",
			"conductor.security.client.keyId", "conductor.security.client.secret");

	private static final List<String> API_CLIENT_CREDENTIALS = List.of("CONDUCTOR_AUTH_KEY", "CONDUCTOR_AUTH_SECRET",
			"CONDUCTOR_SERVER_AUTH_KEY", "CONDUCTOR_SERVER_AUTH_SECRET");

	private final ConfigurableListableBeanFactory beanFactory;

	private final Environment environment;

	ConductorJavaClientCoexistenceCheck(ConfigurableListableBeanFactory beanFactory, Environment environment) {
		this.beanFactory = beanFactory;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> credentials = officialCredentials();
		if (!credentials.isEmpty()) {
			logger.warn("conductor-auth keeps the Conductor token, but the official Conductor client's own credentials "
					+ "are set too: " + String.join(", ", credentials) + ". A client built with them mints a token of "
					+ "its own, and its workers may exit the JVM with System.exit(1) when that token cannot be "
					+ "refreshed. Set conductor.auth.key-id and conductor.auth.key-secret instead, and remove them.");
		}
		for (String name : clientsWithoutToken()) {
			logger.warn("The ConductorClient bean '" + name + "' is not built with conductor-auth's "
					+ "ConductorAuthHeaderSupplier: its requests carry no conductor-auth token. Let conductor-auth's "
					+ "ConductorClient bean be the only one, or build this one with the ConductorAuthHeaderSupplier "
					+ "and ConductorAuthOkHttpInterceptor beans.");
		}
	}

	private List<String> officialCredentials() {
		ClassLoader classLoader = this.beanFactory.getBeanClassLoader();
		List<String> set = new ArrayList<>();
		if (ClassUtils.isPresent(SPRING_MODULE, classLoader)) {
			SPRING_MODULE_CREDENTIALS.stream().filter(this::isSet).forEach(set::add);
		}
		if (ClassUtils.isPresent(API_CLIENT, classLoader)) {
			API_CLIENT_CREDENTIALS.stream().filter(this::isSet).forEach(set::add);
		}
		return set;
	}

	private boolean isSet(String property) {
		return StringUtils.hasText(this.environment.getProperty(property));
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
