package dev.conductor.auth.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;

/**
 * What the results were measured on: the processor, the memory, the operating system, the
 * JDK, and how busy the machine was.
 *
 * @param cpu the processor model, as the kernel names it
 * @param cores the processors available to the JVM
 * @param memoryGib the physical memory in GiB
 * @param os the operating system
 * @param jdk the JDK that ran the benchmarks
 * @param loadAverage the one-minute load average, or a negative number when unknown
 */
public record Machine(String cpu, int cores, long memoryGib, String os, String jdk, double loadAverage) {

	/**
	 * Describe this machine now.
	 * @return the description
	 */
	public static Machine now() {
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(),
				Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " ("
						+ System.getProperty("java.vm.name") + ")",
				os.getSystemLoadAverage());
	}

	private static String cpuModel() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
			return lines.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(System.getProperty("os.arch"));
		}
		catch (IOException ex) {
			return System.getProperty("os.arch");
		}
	}

}
