package dev.conductor.auth.autoconfigure;

import com.netflix.conductor.client.http.TaskClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Auto-configuration that runs the {@code @WorkerTask} methods in place of the official
 * Conductor Spring module's {@code ConductorWorkerAutoConfiguration}, with the same
 * conditions: a {@link WorkerTaskRunner} bean, which the application context starts and
 * stops, where the module starts an executor outside the bean factory that nothing can
 * stop. {@link OfficialWorkerAutoConfigurationFilter} leaves the module's out whenever
 * this one is a candidate and can do its work.
 */
@AutoConfiguration(afterName = { "com.netflix.conductor.client.spring.ConductorClientAutoConfiguration",
		"io.orkes.conductor.client.spring.OrkesConductorClientAutoConfiguration" })
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnBooleanProperty(name = "conductor.auth.enabled", matchIfMissing = true)
@ConditionalOnClass(name = { WorkerTaskRunner.OFFICIAL_WORKER_AUTO_CONFIGURATION, WorkerTaskRunner.EXECUTOR,
		WorkerTaskRunner.SPRING_WORKER_CONFIGURATION })
@ConditionalOnBean(TaskClient.class)
public final class ConductorAuthWorkerAutoConfiguration {

	@Bean
	WorkerTaskRunner conductorWorkerTaskRunner(ApplicationContext context, TaskClient taskClient) {
		return new WorkerTaskRunner(context, taskClient);
	}

}
