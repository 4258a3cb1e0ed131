package dev.conductor.auth.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A JVM started from the test class path, or from a class path of the test's choosing,
 * whose output (kept in a file) the test reads as it comes.
 */
public final class ChildJvm implements AutoCloseable {

	private static final Duration BOUND = Duration.ofSeconds(90);

	private final Process process;

	private final Path output;

	private ChildJvm(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Start a JVM on the test class path.
	 * @param main the class whose {@code main} runs
	 * @param args its arguments
	 * @return the running JVM
	 * @throws IOException if it cannot be started
	 */
	public static ChildJvm start(Class<?> main, List<String> args) throws IOException {
		return start(System.getProperty("java.class.path"), main.getName(), args);
	}

	/**
	 * Start a JVM on the given class path.
	 * @param classPath the class path, its entries separated as the platform separates
	 * them
	 * @param main the name of the class whose {@code main} runs
	 * @param args its arguments
	 * @return the running JVM
	 * @throws IOException if it cannot be started
	 */
	public static ChildJvm start(String classPath, String main, List<String> args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-cp");
		command.add(classPath);
		command.add(main);
		command.addAll(args);
		// to a file, not a pipe: the JDK closes a pipe under its reader when the process
		// ends
		Path output = Files.createTempFile("child-jvm-", ".log");
		output.toFile().deleteOnExit();
		return new ChildJvm(
				new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start(), output);
	}

	/**
	 * Return what the JVM has written so far, standard error included.
	 * @return the output
	 */
	public String output() {
		try {
			return Files.readString(this.output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wait until the output has a line that matches, and return its first group.
	 * @param regex what the line must match
	 * @return the first group, or the whole match when the pattern has none
	 */
	public String awaitLine(String regex) {
		Pattern pattern = Pattern.compile(regex);
		String[] found = new String[1];
		await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
			Matcher matcher = pattern.matcher(output());
			if (matcher.find()) {
				found[0] = (matcher.groupCount() > 0) ? matcher.group(1) : matcher.group();
				return true;
			}
			if (!this.process.isAlive()) {
				throw new AssertionError("The child JVM ended without " + regex + ":\n" + output());
			}
			return false;
		});
		return found[0];
	}

	/**
	 * Wait for the process to end and return its exit code.
	 * @return the exit code
	 * @throws InterruptedException if interrupted while waiting
	 */
	public int awaitExit() throws InterruptedException {
		if (!this.process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
			throw new AssertionError("The child JVM did not end within " + BOUND + ":\n" + output());
		}
		return this.process.exitValue();
	}

	/**
	 * Return whether the JVM still runs.
	 * @return whether it runs
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
