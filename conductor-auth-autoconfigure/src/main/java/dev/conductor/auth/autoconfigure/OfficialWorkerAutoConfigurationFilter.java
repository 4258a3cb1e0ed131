package dev.conductor.auth.autoconfigure;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves the official Conductor Spring module's {@code ConductorWorkerAutoConfiguration}
 * out of the auto-configurations when {@link ConductorAuthWorkerAutoConfiguration} takes
 * its place: when that one is a candidate (not excluded), conductor-auth is enabled, and
 * {@link WorkerTaskRunner} can run the workers as the module would. In every other case
 * the module's runs as it always has.
 */
public final class OfficialWorkerAutoConfigurationFilter
		implements AutoConfigurationImportFilter, EnvironmentAware, BeanClassLoaderAware {

	private static final String REPLACEMENT = ConductorAuthWorkerAutoConfiguration.class.getName();

	private @Nullable Environment environment;

	private @Nullable ClassLoader classLoader;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean replace = replaces(autoConfigurationClasses);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			matches[i] = !(replace
					&& WorkerTaskRunner.OFFICIAL_WORKER_AUTO_CONFIGURATION.equals(autoConfigurationClasses[i]));
		}
		return matches;
	}

	private boolean replaces(@Nullable String[] autoConfigurationClasses) {
		return Arrays.asList(autoConfigurationClasses).contains(REPLACEMENT) && enabled()
				&& WorkerTaskRunner.canRun(this.classLoader);
	}

	private boolean enabled() {
		return this.environment == null
				|| Binder.get(this.environment).bind("conductor.auth.enabled", Boolean.class).orElse(true);
	}

}
