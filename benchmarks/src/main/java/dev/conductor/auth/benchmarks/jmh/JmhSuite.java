package dev.conductor.auth.benchmarks.jmh;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this package with the GC profiler and returns time and
 * allocation per operation, by benchmark method name ({@code Class.method}).
 */
public final class JmhSuite {

	private JmhSuite() {
	}

	/**
	 * Run the suite.
	 * @param smoke whether to run each benchmark once, briefly, in this JVM, to check
	 * that it works rather than to measure
	 * @param json where JMH writes its own results
	 * @return the scores by benchmark
	 * @throws RunnerException when JMH fails
	 */
	public static Map<String, Score> run(boolean smoke, Path json) throws RunnerException {
		ChainedOptionsBuilder options = new OptionsBuilder().include(JmhSuite.class.getPackageName() + "\\..*")
			.addProfiler(GCProfiler.class)
			.jvmArgs("-Xms1g", "-Xmx1g")
			.result(json.toString())
			.resultFormat(ResultFormatType.JSON);
		if (smoke) {
			options.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
		}
		Collection<RunResult> results = new Runner(options.build()).run();
		Map<String, Score> scores = new LinkedHashMap<>();
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
			Result<?> primary = result.getPrimaryResult();
			Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
			scores.put(name,
					new Score(primary.getScore(), primary.getScoreError(),
							(allocated != null) ? allocated.getScore() : Double.NaN, result.getParams().getForks(),
							result.getParams().getWarmup().getCount(), result.getParams().getMeasurement().getCount(),
							result.getParams().getMeasurement().getTime().toString()));
		}
		return scores;
	}

	/**
	 * One benchmark's result.
	 *
	 * @param nanos the mean time per operation, in nanoseconds
	 * @param error the half-width of its 99.9 % confidence interval (NaN when JMH has too
	 * few iterations to tell)
	 * @param bytes the bytes allocated per operation
	 * @param forks the forks
	 * @param warmups the warm-up iterations
	 * @param iterations the measurement iterations
	 * @param iterationTime how long each iteration ran
	 */
	public record Score(double nanos, double error, double bytes, int forks, int warmups, int iterations,
			String iterationTime) {
	}

}
