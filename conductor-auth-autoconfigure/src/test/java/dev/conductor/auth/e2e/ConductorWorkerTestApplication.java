package dev.conductor.auth.e2e;

import java.util.List;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A small worker application with the starter and the official Conductor Java client, as
 * a user would write it: a {@code TaskClient} from the auto-configured
 * {@code ConductorClient}, and a {@code TaskRunnerConfigurer} that polls for
 * {@code e2e_worker} tasks.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ConductorWorkerTestApplication {

	static final String TASK_TYPE = "e2e_worker";

	public static void main(String[] args) {
		SpringApplication.run(ConductorWorkerTestApplication.class, args);
	}

	@Bean
	TaskClient taskClient(ConductorClient conductorClient) {
		return new TaskClient(conductorClient);
	}

	@Bean(initMethod = "init")
	TaskRunnerConfigurer taskRunnerConfigurer(TaskClient taskClient) {
		return new TaskRunnerConfigurer.Builder(taskClient, List.of(new PollingWorker())).withThreadCount(1)
			.withShutdownGracePeriodSeconds(2)
			.build();
	}

	@Bean
	ConductorAuthTestApplication.Markers markers() {
		return new ConductorAuthTestApplication.Markers();
	}

	static final class PollingWorker implements Worker {

		@Override
		public String getTaskDefName() {
			return TASK_TYPE;
		}

		@Override
		public TaskResult execute(Task task) {
			TaskResult result = new TaskResult(task);
			result.setStatus(TaskResult.Status.COMPLETED);
			return result;
		}

		@Override
		public int getPollingInterval() {
			return 50;
		}

	}

}
