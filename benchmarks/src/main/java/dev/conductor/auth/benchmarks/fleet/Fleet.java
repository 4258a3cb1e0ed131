package dev.conductor.auth.benchmarks.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;

import io.orkes.conductor.client.ApiClient;
import org.jspecify.annotations.Nullable;

import dev.conductor.auth.benchmarks.scenario.Load;

/**
 * One side's fleet through every outage, one after the other: its instances start at
 * random instants over one refresh period against the side's token endpoint, run in the
 * steady state for a while, then meet each outage (the endpoint answers 503, then comes
 * back) and the observation after it. An instance that exited is started again after the
 * observation, as an orchestrator would restart it, so that each outage meets the whole
 * fleet. Everything runs at the settings' speed.
 */
final class Fleet {

	/**
	 * Threads that poll the instances.
	 */
	static final int POLL_THREADS = 4;

	/**
	 * Threads of the scheduler that our instances share.
	 */
	static final int SCHEDULER_THREADS = 8;

	/**
	 * How long before each outage its chart starts.
	 */
	static final Duration CHART_BEFORE = Duration.ofMinutes(2);

	private final FleetSide side;

	private final FleetSettings settings;

	private final long seed;

	private final FleetClock clock = new FleetClock();

	private final List<FleetInstance> running = new ArrayList<>();

	private @Nullable SharedScheduler scheduler;

	private @Nullable ApiClient client;

	Fleet(FleetSide side, FleetSettings settings, long seed) {
		this.side = side;
		this.settings = settings;
		this.seed = seed;
	}

	/**
	 * Run the fleet through every outage.
	 * @return the result of each outage, in order
	 */
	List<FleetResult> run() {
		FleetSettings settings = this.settings;
		String name = this.side.name().toLowerCase(Locale.ROOT).replace('_', '-');
		try (FleetTokenEndpoint endpoint = FleetTokenEndpoint.start(settings.run(settings.tokenLifetime()), name);
				PollDriver driver = new PollDriver(POLL_THREADS, settings.runNanos(FleetSettings.POLL_INTERVAL),
						name)) {
			if (this.side == FleetSide.THEIRS) {
				this.client = ApiClient.builder().basePath(endpoint.baseUrl()).build();
			}
			else {
				this.scheduler = new SharedScheduler(this.clock, SCHEDULER_THREADS, settings.secondNanos(), name);
			}
			warmUp(endpoint);
			long origin = System.nanoTime();
			for (long offset : startOffsets()) {
				Load.sleepUntil(origin + offset);
				start(endpoint, driver);
			}
			long steadyFrom = origin + settings.runNanos(settings.refreshPeriod());
			long down = steadyFrom + settings.runNanos(settings.settle());
			List<Window> windows = new ArrayList<>();
			for (Duration outage : settings.outages()) {
				windows.add(outage(outage, down, endpoint, driver));
				long end = windows.get(windows.size() - 1).end();
				List<FleetInstance> exited = this.running.stream().filter(FleetInstance::hasExited).toList();
				this.running.removeAll(exited);
				exited.forEach(FleetInstance::close);
				if (windows.size() < settings.outages().size()) {
					for (int i = 0; i < exited.size(); i++) {
						start(endpoint, driver);
					}
				}
				down = end + settings.runNanos(FleetSettings.BETWEEN_OUTAGES);
			}
			long second = settings.secondNanos();
			long last = windows.get(windows.size() - 1).end();
			int[] perSecond = CallRate.perSecond(endpoint.callNanos(), steadyFrom, second,
					(int) ((last - steadyFrom) / second));
			CallRate steady = CallRate.of(perSecond, 0, (int) settings.settle().toSeconds());
			return windows.stream()
				.map((window) -> window.result(this.side, settings, perSecond, steadyFrom, steady))
				.toList();
		}
		finally {
			this.running.forEach(FleetInstance::close);
			if (this.scheduler != null) {
				this.scheduler.shutdown();
			}
			if (this.client != null) {
				this.client.shutdown();
			}
		}
	}

	/**
	 * Start one instance and wait for its token, before the clock starts: the first one
	 * loads the classes of its side, which would otherwise hold up the first starts by
	 * seconds and bunch them.
	 */
	private void warmUp(FleetTokenEndpoint endpoint) {
		try (FleetInstance instance = create(endpoint)) {
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!instance.isHolding() && System.nanoTime() < deadline) {
				instance.poll(System.nanoTime());
				Load.sleepUntil(System.nanoTime() + Duration.ofMillis(10).toNanos());
			}
		}
	}

	private FleetInstance start(FleetTokenEndpoint endpoint, PollDriver driver) {
		FleetInstance instance = create(endpoint);
		this.running.add(instance);
		driver.add(instance);
		return instance;
	}

	private FleetInstance create(FleetTokenEndpoint endpoint) {
		return switch (this.side) {
			case OURS ->
				OurInstance.start(endpoint, this.settings, true, Objects.requireNonNull(this.scheduler), this.clock);
			case OURS_SELF_HEALING ->
				OurInstance.start(endpoint, this.settings, false, Objects.requireNonNull(this.scheduler), this.clock);
			case THEIRS -> OfficialInstance.start(Objects.requireNonNull(this.client), endpoint, this.settings);
		};
	}

	/**
	 * Take the endpoint down at {@code down} for {@code outage}, then watch the fleet for
	 * the observation.
	 */
	private Window outage(Duration outage, long down, FleetTokenEndpoint endpoint, PollDriver driver) {
		FleetSettings settings = this.settings;
		List<FleetInstance> instances = List.copyOf(this.running);
		long back = down + settings.runNanos(outage);
		long end = back + settings.runNanos(settings.observeAfter());
		Load.sleepUntil(down);
		driver.lateness().from(down);
		if (this.scheduler != null) {
			this.scheduler.lateness().from(down);
		}
		endpoint.down(true);
		Load.sleepUntil(back);
		// counted while no instance can get a token: once the endpoint is back, they do
		int withoutToken = count(instances, Fleet::withoutToken);
		endpoint.down(false);
		Load.sleepUntil(back + settings.runNanos(settings.stuckAfter()));
		int stuck = count(instances, Fleet::withoutToken);
		Load.sleepUntil(end);
		long skew = settings.runNanos(FleetSettings.CLOCK_SKEW);
		long lastBack = instances.stream()
			.filter((instance) -> !instance.hasExited())
			.mapToLong((instance) -> instance.backAfter(back))
			.max()
			.orElse(0);
		return new Window(outage, down, back, end, instances.size(), count(instances, FleetInstance::hasExited),
				count(instances,
						(instance) -> instance.hasExited() && instance.tokenExpiresAt() != FleetInstance.NONE
								&& instance.tokenExpiresAt() - skew > back),
				count(instances, (instance) -> instance.hasGoneFatal()), withoutToken, stuck,
				count(instances, Fleet::withoutToken),
				(lastBack != Long.MAX_VALUE) ? settings.application(lastBack) : null, driver.lateness().counts(),
				(this.scheduler != null) ? this.scheduler.lateness().counts() : null);
	}

	private static boolean withoutToken(FleetInstance instance) {
		return !instance.hasExited() && !instance.isHolding();
	}

	/**
	 * When each instance starts, from the start of the run: at random over one refresh
	 * period, the same for each side. A token is never older than that, so the tokens'
	 * ages are spread evenly over every age they can have; starting them over the whole
	 * lifetime would make the instances of the first minutes refresh together with those
	 * of the last ones, a band of twice the density at every refresh.
	 */
	private long[] startOffsets() {
		Random random = new Random(this.seed);
		long lifetime = this.settings.runNanos(this.settings.refreshPeriod());
		long[] offsets = new long[this.settings.instances()];
		for (int i = 0; i < offsets.length; i++) {
			offsets[i] = (long) (random.nextDouble() * lifetime);
		}
		Arrays.sort(offsets);
		return offsets;
	}

	private static int count(List<FleetInstance> instances, Predicate<FleetInstance> predicate) {
		return (int) instances.stream().filter(predicate).count();
	}

	@Override
	public String toString() {
		return "Fleet[" + this.side + "]";
	}

	/**
	 * What one outage showed, before the token calls are counted.
	 */
	private record Window(Duration outage, long down, long back, long end, int instances, int exited,
			int exitedWithValidToken, int wentFatal, int withoutToken, int stuck, int withoutTokenAtEnd,
			@Nullable Duration allBackAfter, Lateness.Counts polls, Lateness.@Nullable Counts attempts) {

		FleetResult result(FleetSide side, FleetSettings settings, int[] perSecond, long steadyFrom, CallRate steady) {
			long second = settings.secondNanos();
			// every instant of the timeline is a whole second of the application's from
			// the steady state's start
			int down = (int) Math.round((this.down - steadyFrom) / (double) second);
			int back = down + (int) this.outage.toSeconds();
			int recoveryEnd = back + (int) settings.recoveryWindow().toSeconds();
			int chartFrom = down - (int) CHART_BEFORE.toSeconds();
			int chartTo = Math.min(perSecond.length, (int) Math.round((this.end - steadyFrom) / (double) second));
			return new FleetResult(side, this.outage, this.instances, this.exited, this.exitedWithValidToken,
					this.wentFatal, this.withoutToken, this.stuck, this.withoutTokenAtEnd, this.allBackAfter, steady,
					CallRate.of(perSecond, down, back), CallRate.of(perSecond, back, recoveryEnd), chartFrom - down,
					Arrays.copyOfRange(perSecond, chartFrom, chartTo), this.polls, this.attempts);
		}

	}

}
