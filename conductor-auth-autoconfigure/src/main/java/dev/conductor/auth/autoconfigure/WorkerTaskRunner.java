package dev.conductor.auth.autoconfigure;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;

import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.metrics.MetricsCollector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Runs the {@code @WorkerTask} methods of the application's {@code @Component} beans as
 * the official Spring module's {@code ConductorWorkerAutoConfiguration} does (an
 * {@code AnnotatedWorkerExecutor} on the {@code TaskClient} bean, with the module's
 * {@code conductor.worker.*} settings and the {@link MetricsCollector} bean), but as a
 * lifecycle of the application context: it starts polling when the context starts and
 * shuts the executor down when it stops, in the first phase, before the web server's
 * graceful shutdown and long before the token manager closes. So an exit when
 * authentication is lost for good stops these workers too, which the module's executor,
 * made outside the bean factory, cannot offer.
 *
 * <p>
 * conductor-auth compiles against conductor-client 4, which has no
 * {@code AnnotatedWorkerExecutor}: its public methods are called by reflection, and the
 * module's {@code SpringWorkerConfiguration} is made the same way, so that the worker
 * settings mean what they mean to the module.
 */
final class WorkerTaskRunner implements SmartLifecycle {

	static final String OFFICIAL_WORKER_AUTO_CONFIGURATION = "com.netflix.conductor.client.spring.ConductorWorkerAutoConfiguration";

	static final String EXECUTOR = "com.netflix.conductor.sdk.workflow.executor.task.AnnotatedWorkerExecutor";

	static final String WORKER_CONFIGURATION = "com.netflix.conductor.sdk.workflow.executor.task.WorkerConfiguration";

	static final String SPRING_WORKER_CONFIGURATION = "com.netflix.conductor.client.spring.SpringWorkerConfiguration";

	private static final Log logger = LogFactory.getLog(WorkerTaskRunner.class);

	private final ApplicationContext context;

	private final TaskClient taskClient;

	private volatile @Nullable Object executor;

	WorkerTaskRunner(ApplicationContext context, TaskClient taskClient) {
		this.context = context;
		this.taskClient = taskClient;
	}

	/**
	 * Return whether this runner can take the place of the module's: the executor and the
	 * module's worker settings are there, with the constructors it calls.
	 * @param classLoader the application's class loader
	 * @return whether {@link #start()} can run the workers as the module would
	 */
	static boolean canRun(@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(EXECUTOR, classLoader)
				|| !ClassUtils.isPresent(SPRING_WORKER_CONFIGURATION, classLoader)
				|| !ClassUtils.isPresent(WORKER_CONFIGURATION, classLoader)) {
			return false;
		}
		Class<?> workerConfiguration = ClassUtils.resolveClassName(WORKER_CONFIGURATION, classLoader);
		return ClassUtils.hasConstructor(ClassUtils.resolveClassName(EXECUTOR, classLoader), TaskClient.class,
				workerConfiguration)
				&& ClassUtils.hasConstructor(ClassUtils.resolveClassName(SPRING_WORKER_CONFIGURATION, classLoader),
						Environment.class);
	}

	@Override
	public void start() {
		ClassLoader classLoader = this.context.getClassLoader();
		Class<?> workerConfigurationType = ClassUtils.resolveClassName(WORKER_CONFIGURATION, classLoader);
		Object workerConfiguration = instantiate(ClassUtils.resolveClassName(SPRING_WORKER_CONFIGURATION, classLoader),
				new Class<?>[] { Environment.class }, this.context.getEnvironment());
		Class<?> executorType = ClassUtils.resolveClassName(EXECUTOR, classLoader);
		Object executor = instantiate(executorType, new Class<?>[] { TaskClient.class, workerConfigurationType },
				this.taskClient, workerConfiguration);
		if (this.context.getBeanNamesForType(MetricsCollector.class).length > 0) {
			invoke(executor, "setMetricsCollector", new Class<?>[] { MetricsCollector.class },
					this.context.getBean(MetricsCollector.class));
		}
		for (Object bean : this.context.getBeansWithAnnotation(Component.class).values()) {
			invoke(executor, "addBean", new Class<?>[] { Object.class }, bean);
		}
		invoke(executor, "startPolling", new Class<?>[0]);
		this.executor = executor;
	}

	@Override
	public void stop() {
		Object executor = this.executor;
		this.executor = null;
		if (executor != null) {
			logger.info("Shutting down the Conductor @WorkerTask workers");
			invoke(executor, "shutdown", new Class<?>[0]);
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		// the last to start, the first to stop
		return SmartLifecycle.DEFAULT_PHASE;
	}

	private static Object instantiate(Class<?> type, Class<?>[] parameterTypes, Object... arguments) {
		Constructor<?> constructor = ClassUtils.getConstructorIfAvailable(type, parameterTypes);
		if (constructor == null) {
			throw new IllegalStateException(
					"No constructor of " + type.getName() + " takes " + Arrays.toString(parameterTypes));
		}
		// the module's SpringWorkerConfiguration is package-private
		return BeanUtils.instantiateClass(constructor, arguments);
	}

	private static void invoke(Object target, String name, Class<?>[] parameterTypes, Object... arguments) {
		Method method = ClassUtils.getMethod(target.getClass(), name, parameterTypes);
		ReflectionUtils.invokeMethod(method, target, arguments);
	}

}
