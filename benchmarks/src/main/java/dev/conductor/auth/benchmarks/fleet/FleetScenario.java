package dev.conductor.auth.benchmarks.fleet;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fleet scenario: a fleet of each side, the three at once, each with its own token
 * endpoint, each through every outage in turn. The fleets start their instances at the
 * same instants.
 */
public final class FleetScenario {

	private FleetScenario() {
	}

	/**
	 * Run every fleet.
	 * @param settings the timing
	 * @return the results
	 */
	public static Results run(FleetSettings settings) {
		System.out.printf("  %d sides x %d instances through %d outages, at %d times the speed: about %d s%n",
				FleetSide.values().length, settings.instances(), settings.outages().size(), settings.speedUp(),
				settings.runTime().toSeconds());
		List<Future<List<FleetResult>>> futures = new ArrayList<>();
		try (ExecutorService fleets = Executors
			.newThreadPerTaskExecutor(Thread.ofPlatform().name("fleet-", 0).factory())) {
			for (FleetSide side : FleetSide.values()) {
				futures.add(fleets.submit(new Fleet(side, settings, 13)::run));
			}
			List<FleetResult> results = new ArrayList<>();
			for (Future<List<FleetResult>> future : futures) {
				for (FleetResult result : future.get()) {
					System.out.println("    " + result);
					results.add(result);
				}
			}
			System.out.println("    threads at most: " + ManagementFactory.getThreadMXBean().getPeakThreadCount());
			return new Results(settings, results);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A fleet failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the fleets ran", ex);
		}
	}

	/**
	 * Every fleet's result, with the settings they ran with.
	 *
	 * @param settings the timing
	 * @param results the results, by side then outage
	 */
	public record Results(FleetSettings settings, List<FleetResult> results) {

		/**
		 * The result of one side through one outage.
		 * @param side the side
		 * @param outage the outage
		 * @return the result
		 */
		public FleetResult of(FleetSide side, Duration outage) {
			return this.results.stream()
				.filter((result) -> result.side() == side && result.outage().equals(outage))
				.findFirst()
				.orElseThrow();
		}

	}

}
