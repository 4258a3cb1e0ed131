package com.netflix.conductor.client.spring;

import com.netflix.conductor.sdk.workflow.executor.task.WorkerConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * A stand-in for the package-private class of the same name in the official Spring
 * module: the worker settings of {@code conductor.worker.<task>.<setting>}, else
 * {@code conductor.worker.all.<setting>}.
 */
class SpringWorkerConfiguration extends WorkerConfiguration {

	private final Environment environment;

	public SpringWorkerConfiguration(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getPollingInterval(String taskName) {
		return setting(taskName, "pollingInterval", Integer.class, 0);
	}

	@Override
	public int getPollTimeout(String taskName) {
		return setting(taskName, "pollTimeout", Integer.class, 0);
	}

	@Override
	public int getPollerCount(String taskName) {
		return setting(taskName, "pollerCount", Integer.class, 0);
	}

	@Override
	public int getThreadCount(String taskName) {
		return setting(taskName, "threadCount", Integer.class, 0);
	}

	@Override
	public @Nullable String getDomain(String taskName) {
		return setting(taskName, "domain", String.class, null);
	}

	private <T> T setting(String taskName, String name, Class<T> type, T defaultValue) {
		T value = this.environment.getProperty("conductor.worker." + taskName + "." + name, type);
		return (value != null) ? value
				: this.environment.getProperty("conductor.worker.all." + name, type, defaultValue);
	}

}
