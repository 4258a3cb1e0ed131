package dev.conductor.auth.sample;

import java.util.List;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The official Conductor Java client's worker, built from the {@link ConductorClient}
 * that the starter defines: nothing here knows about tokens.
 */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

	@Bean
	TaskClient taskClient(ConductorClient conductorClient) {
		return new TaskClient(conductorClient);
	}

	@Bean(initMethod = "init")
	TaskRunnerConfigurer taskRunnerConfigurer(TaskClient taskClient) {
		return new TaskRunnerConfigurer.Builder(taskClient, List.of(new HelloWorker())).withThreadCount(1).build();
	}

}
