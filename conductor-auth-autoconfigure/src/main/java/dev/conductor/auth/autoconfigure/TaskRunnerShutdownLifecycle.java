package dev.conductor.auth.autoconfigure;

import java.lang.reflect.Method;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Shuts down every worker runner bean of the official Conductor Java client when the
 * application stops (a graceful shutdown, the exit when authentication is lost for good
 * included): each {@link TaskRunnerConfigurer}, and each {@code AnnotatedWorkerExecutor}
 * (such as the one the official Spring module gives its {@code WorkflowExecutor}),
 * whether or not its bean definition names {@code shutdown} as destroy method. It stops
 * in the first phase, before the web server's graceful shutdown and long before the token
 * manager closes, so that tasks in flight can still report their results with a valid
 * token. Shutting down a runner twice does no harm, so a destroy method may run
 * afterwards. A configurer cannot be started again: a context that is stopped and started
 * again keeps its workers stopped.
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
		shutdownAll(TaskRunnerConfigurer.class);
		// conductor-client 4 has no AnnotatedWorkerExecutor
		ClassLoader classLoader = this.beanFactory.getBeanClassLoader();
		if (ClassUtils.isPresent(WorkerTaskRunner.EXECUTOR, classLoader)) {
			shutdownAll(ClassUtils.resolveClassName(WorkerTaskRunner.EXECUTOR, classLoader));
		}
	}

	private void shutdownAll(Class<?> type) {
		Method shutdown = ClassUtils.getMethod(type, "shutdown");
		for (String name : this.beanFactory.getBeanNamesForType(type, false, false)) {
			if (this.beanFactory.containsSingleton(name)) {
				Object runner = this.beanFactory.getSingleton(name);
				if (type.isInstance(runner)) {
					shutdown(name, () -> ReflectionUtils.invokeMethod(shutdown, runner));
				}
			}
		}
	}

	private static void shutdown(String name, Runnable shutdown) {
		logger.info("Shutting down the Conductor workers of '" + name + "'");
		try {
			shutdown.run();
		}
		catch (RuntimeException ex) {
			// a runner that was never initialized has nothing to shut down
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
