package dev.conductor.auth.sample;

import java.util.Map;

import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic Conductor worker, run by the official Java client's
 * {@code TaskRunnerConfigurer}: it completes {@code hello_task} with
 * {@code message: "Hello World!"}. Its polls and updates carry the starter's token.
 */
class HelloWorker implements Worker {

	private static final Logger logger = LoggerFactory.getLogger("worker");

	@Override
	public String getTaskDefName() {
		return "hello_task";
	}

	@Override
	public TaskResult execute(Task task) {
		TaskResult result = new TaskResult(task);
		result.setStatus(TaskResult.Status.COMPLETED);
		result.setOutputData(Map.of("message", "Hello World!"));
		logger.info("Worker       hello_task {} -> COMPLETED, message \"Hello World!\"", task.getTaskId());
		return result;
	}

	@Override
	public int getPollingInterval() {
		return 500;
	}

}
