package com.netflix.conductor.client.spring;

import java.util.List;
import java.util.Optional;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.client.metrics.MetricsCollector;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.sdk.workflow.executor.WorkflowExecutor;
import com.netflix.conductor.sdk.workflow.executor.task.AnnotatedWorkerExecutor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.Ordered;

/**
 * A stand-in for the auto-configuration of the same name in the official
 * {@code conductor-client-spring-boot4} module (as of its 6.0 sources), with its order,
 * conditions, bean names and types: a {@link ConductorClient} when
 * {@code conductor.client.root-uri} or {@code base-path} is set, built with the module's
 * client settings and the {@link MetricsCollector}; and from whichever
 * {@code ConductorClient} the context holds, a {@link TaskClient}, an
 * {@link AnnotatedWorkerExecutor} for the {@link WorkflowExecutor}, a
 * {@link TaskRunnerConfigurer} for the {@link Worker} beans and a {@link WorkflowClient}.
 * The real module is not on the test class path; the class name is the real one, so that
 * conductor-auth's ordering applies to it.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
public class ConductorClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ClientProperties clientProperties(Environment environment) {
		return ClientProperties.bind(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnExpression("'${conductor.client.root-uri:}' != '' or '${conductor.client.base-path:}' != ''")
	public ConductorClient conductorClient(ClientProperties properties, Optional<MetricsCollector> metricsCollector) {
		String basePath = (properties.getRootUri() != null) ? properties.getRootUri() : properties.getBasePath();
		ConductorClient.Builder<?> builder = ConductorClient.builder()
			.basePath(basePath)
			.connectTimeout(properties.getTimeout().getConnect())
			.readTimeout(properties.getTimeout().getRead())
			.writeTimeout(properties.getTimeout().getWrite())
			.verifyingSsl(properties.isVerifyingSsl());
		metricsCollector.ifPresent(builder::withMetricsCollector);
		return builder.build();
	}

	@Bean
	@ConditionalOnBean(ConductorClient.class)
	@ConditionalOnMissingBean
	public TaskClient taskClient(ConductorClient client) {
		return new TaskClient(client);
	}

	@Bean
	@ConditionalOnBean(ConductorClient.class)
	@ConditionalOnMissingBean
	public AnnotatedWorkerExecutor annotatedWorkerExecutor(TaskClient taskClient) {
		return new AnnotatedWorkerExecutor(taskClient);
	}

	@Bean(initMethod = "init", destroyMethod = "shutdown")
	@ConditionalOnBean(ConductorClient.class)
	@ConditionalOnMissingBean
	public TaskRunnerConfigurer taskRunnerConfigurer(TaskClient taskClient, ClientProperties properties,
			List<Worker> workers, Optional<MetricsCollector> metricsCollector) {
		TaskRunnerConfigurer.Builder builder = new TaskRunnerConfigurer.Builder(taskClient, workers)
			.withThreadCount(properties.getThreadCount())
			.withShutdownGracePeriodSeconds(properties.getShutdownGracePeriodSeconds());
		metricsCollector.ifPresent(builder::withMetricsCollector);
		return builder.build();
	}

	@Bean
	@ConditionalOnBean(ConductorClient.class)
	@ConditionalOnMissingBean
	public WorkflowExecutor workflowExecutor(ConductorClient client, AnnotatedWorkerExecutor annotatedWorkerExecutor) {
		return new WorkflowExecutor(client, annotatedWorkerExecutor);
	}

	@Bean
	@ConditionalOnBean(ConductorClient.class)
	@ConditionalOnMissingBean
	public WorkflowClient workflowClient(ConductorClient client) {
		return new WorkflowClient(client);
	}

}
