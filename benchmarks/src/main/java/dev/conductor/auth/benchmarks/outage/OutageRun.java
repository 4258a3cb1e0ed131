package dev.conductor.auth.benchmarks.outage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One child JVM of the outage scenario: starts it, keeps the events it reports, writes
 * its whole output to a log file, and notes how and when it ended.
 */
final class OutageRun {

	private final String name;

	private final Process process;

	private final List<Map<String, String>> events = new ArrayList<>();

	private final Thread reader;

	private volatile long exitedAt;

	private OutageRun(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.reader = Thread.ofPlatform().daemon().name("outage-" + name).start(() -> read(log));
		process.onExit().thenRun(() -> this.exitedAt = System.currentTimeMillis());
	}

	static OutageRun start(String name, Class<?> main, List<String> args, Path log) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:+UseSerialGC");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(main.getName());
		command.addAll(args);
		try {
			return new OutageRun(name, new ProcessBuilder(command).redirectErrorStream(true).start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wait for the JVM to end, killing it after {@code bound}.
	 * @return the outcome
	 */
	Outcome await(Duration bound, boolean polledItself) {
		try {
			if (!this.process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
			this.reader.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		synchronized (this.events) {
			return new Outcome(this.name, List.copyOf(this.events), this.process.exitValue(), this.exitedAt,
					polledItself);
		}
	}

	private void read(Path log) {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				out.println(line);
				if (line.startsWith(OutageTimeline.PREFIX)) {
					synchronized (this.events) {
						this.events.add(parse(line.substring(OutageTimeline.PREFIX.length())));
					}
				}
			}
		}
		catch (IOException ex) {
			// the child is gone; what it reported so far stands
		}
	}

	private static Map<String, String> parse(String line) {
		Map<String, String> event = new LinkedHashMap<>();
		for (String pair : line.trim().split(" ")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				event.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		return event;
	}

	/**
	 * What a child reported, its exit code and when it ended.
	 *
	 * @param name the child's name
	 * @param events the events, in order
	 * @param exitCode the exit code
	 * @param exitedAt when it ended, epoch milliseconds
	 * @param polledItself whether the client polled by itself (the task runner), so that
	 * the child could not time its callers
	 */
	record Outcome(String name, List<Map<String, String>> events, int exitCode, long exitedAt, boolean polledItself) {

		@Nullable Map<String, String> first(String event) {
			return this.events.stream()
				.filter((candidate) -> event.equals(candidate.get("event")))
				.findFirst()
				.orElse(null);
		}

		List<Map<String, String>> all(String event) {
			return this.events.stream().filter((candidate) -> event.equals(candidate.get("event"))).toList();
		}

	}

}
