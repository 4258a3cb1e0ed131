package dev.conductor.auth.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample, {@code java -jar conductor-auth-sample.jar}, run as a user runs
 * it, with its output kept line by line for the test to read.
 */
final class SampleProcess implements AutoCloseable {

	static final Duration BOUND = Duration.ofSeconds(90);

	private final Process process;

	private final Path output;

	private SampleProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	static SampleProcess start(String... args) throws IOException {
		Path jar = Path.of(System.getProperty("sample.jar", "target/conductor-auth-sample.jar"));
		assertThat(Files.isRegularFile(jar)).as("the packaged sample at " + jar).isTrue();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
						jar.toString()));
		command.addAll(List.of(args));
		// to a file, not a pipe: the JDK closes a pipe under its reader when the process
		// ends
		Path output = Files.createTempFile("sample-", ".log");
		output.toFile().deleteOnExit();
		return new SampleProcess(
				new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start(), output);
	}

	/**
	 * Wait until a line contains {@code text}, and return the index of the first such
	 * line.
	 */
	int awaitLine(String text) {
		await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
			if (indexOf(text, 0) >= 0) {
				return true;
			}
			if (!this.process.isAlive()) {
				throw new AssertionError("The sample ended without a line with '" + text + "':\n" + output());
			}
			return false;
		});
		return indexOf(text, 0);
	}

	/**
	 * Wait until a line after {@code from} contains {@code text}, and return its index.
	 */
	int awaitLineAfter(int from, String text) {
		await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> indexOf(text, from + 1) >= 0);
		return indexOf(text, from + 1);
	}

	int indexOf(String text, int from) {
		List<String> snapshot = lines();
		for (int i = from; i < snapshot.size(); i++) {
			if (snapshot.get(i).contains(text)) {
				return i;
			}
		}
		return -1;
	}

	List<String> lines() {
		try {
			return Files.readAllLines(this.output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String output() {
		return String.join("\n", lines());
	}

	int awaitExit() throws InterruptedException {
		if (!this.process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
			throw new AssertionError("The sample did not end within " + BOUND + ":\n" + output());
		}
		return this.process.exitValue();
	}

	/**
	 * Stop the sample as an orchestrator would, with SIGTERM, and wait for it to end.
	 */
	int stop() throws InterruptedException {
		this.process.destroy();
		return awaitExit();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
		}
	}

}
