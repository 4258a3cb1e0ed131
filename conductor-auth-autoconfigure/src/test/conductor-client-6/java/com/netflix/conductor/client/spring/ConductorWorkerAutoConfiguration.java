package com.netflix.conductor.client.spring;

import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.metrics.MetricsCollector;
import com.netflix.conductor.sdk.workflow.executor.task.AnnotatedWorkerExecutor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * A stand-in for the auto-configuration of the same name in the official
 * {@code conductor-client-spring-boot4} module (as of its 6.0 sources): with a
 * {@link TaskClient} bean, when the context is refreshed, it starts an
 * {@link AnnotatedWorkerExecutor} for the {@code @WorkerTask} methods of the
 * {@code @Component} beans, with the {@link MetricsCollector} bean if there is one. The
 * executor is no bean: nothing outside this listener can reach it.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnBean(TaskClient.class)
public class ConductorWorkerAutoConfiguration {

	private final TaskClient taskClient;

	public ConductorWorkerAutoConfiguration(TaskClient taskClient) {
		this.taskClient = taskClient;
	}

	@EventListener(ContextRefreshedEvent.class)
	public void onApplicationEvent(ContextRefreshedEvent event) {
		ApplicationContext context = event.getApplicationContext();
		AnnotatedWorkerExecutor executor = new AnnotatedWorkerExecutor(this.taskClient,
				new SpringWorkerConfiguration(context.getEnvironment()));
		if (context.getBeanNamesForType(MetricsCollector.class).length > 0) {
			executor.setMetricsCollector(context.getBean(MetricsCollector.class));
		}
		context.getBeansWithAnnotation(Component.class).values().forEach(executor::addBean);
		executor.startPolling();
	}

}
