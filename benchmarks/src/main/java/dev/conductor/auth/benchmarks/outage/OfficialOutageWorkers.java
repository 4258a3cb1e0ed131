package dev.conductor.auth.benchmarks.outage;

import java.util.ArrayList;
import java.util.List;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import io.orkes.conductor.client.ApiClient;
import io.orkes.conductor.client.http.FatalAuthenticationException;

import dev.conductor.auth.benchmarks.scenario.OfficialClient;

/**
 * Their side of the outage: the official client with credentials, either as the task
 * runner of 8 workers that poll every 100 ms (what the client is mostly used for; its
 * task runner ends the JVM with {@code System.exit(1)} when a poll fails for good), or,
 * with {@code --plain}, as a {@link TaskClient} polled by 8 threads of ours, as an
 * application that only calls the API would use it.
 */
public final class OfficialOutageWorkers {

	private static final int WORKERS = 8;

	private OfficialOutageWorkers() {
	}

	/**
	 * Run the client through the outage.
	 * @param args {@code OUTAGE AFTER [--plain]}
	 */
	public static void main(String[] args) {
		OutageTimeline timeline = OutageTimeline.start(args);
		ApiClient apiClient = OfficialClient.apiClient(timeline.baseUrl());
		TaskClient taskClient = new TaskClient(apiClient);
		if (args.length > 2 && args[2].equals("--plain")) {
			timeline.run((taskType) -> poll(taskClient, taskType, timeline));
			return;
		}
		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < WORKERS; i++) {
			workers.add(new PollingWorker("benchmark_task_" + i));
		}
		new TaskRunnerConfigurer.Builder(taskClient, workers).withThreadCount(WORKERS).build().init();
		timeline.run(null);
	}

	private static int poll(TaskClient taskClient, String taskType, OutageTimeline timeline) {
		try {
			taskClient.batchPollTasksInDomain(taskType, null, "benchmark", 1, 100);
			return 200;
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof FatalAuthenticationException) {
					timeline.fatal();
				}
			}
			return (ex instanceof ConductorClientException clientException) ? Math.max(clientException.getStatus(), 0)
					: 0;
		}
	}

	/**
	 * A worker that polls every 100 ms and never gets a task from the stub.
	 */
	private static final class PollingWorker implements Worker {

		private final String taskType;

		PollingWorker(String taskType) {
			this.taskType = taskType;
		}

		@Override
		public String getTaskDefName() {
			return this.taskType;
		}

		@Override
		public TaskResult execute(Task task) {
			return new TaskResult(task);
		}

		@Override
		public int getPollingInterval() {
			return 100;
		}

	}

}
