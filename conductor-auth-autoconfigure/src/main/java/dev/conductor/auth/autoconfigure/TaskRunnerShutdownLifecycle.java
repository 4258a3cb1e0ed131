package dev.conductor.auth.autoconfigure;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Shuts down every {@link TaskRunnerConfigurer} bean when the application stops (a
 * graceful shutdown, the exit when authentication is lost for good included), whether or
 * not its bean definition names {@code shutdown} as destroy method. It stops in the first
 * phase, before the web server's graceful shutdown and long before the token manager
 * closes, so that tasks in flight can still report their results with a valid token.
 * Shutting down a configurer twice does no harm, so a destroy method may run afterwards.
 * A configurer cannot be started again: a context that is stopped and started again keeps
 * its workers stopped.
 */
final class TaskRunnerShutdownLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(TaskRunnerShutdownLifecycle.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private volatile boolean running;

	TaskRunnerShutdownLifecycle(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		for (String name : this.beanFactory.getBeanNamesForType(TaskRunnerConfigurer.class, false, false)) {
			if (this.beanFactory.containsSingleton(name)
					&& this.beanFactory.getSingleton(name) instanceof TaskRunnerConfigurer configurer) {
				shutdown(name, configurer);
			}
		}
	}

	private static void shutdown(String name, TaskRunnerConfigurer configurer) {
		logger.info("Shutting down the Conductor workers of '" + name + "'");
		try {
			configurer.shutdown();
		}
		catch (RuntimeException ex) {
			// a configurer that was never initialized has nothing to shut down
			logger.debug("Shutting down the Conductor workers of '" + name + "' failed", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
