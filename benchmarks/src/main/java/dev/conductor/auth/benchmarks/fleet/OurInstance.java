package dev.conductor.auth.benchmarks.fleet;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.TokenUnavailableException;

/**
 * Our instance: a {@link ConductorTokenManager} with the starter's defaults, its times
 * sped up with the fleet's, on the scheduler that the side shares. Its events tell when
 * it minted and when it reached the fatal state: by default (exit-on-failure) that is
 * where the application exits, so the instance counts as exited and is no longer polled;
 * with {@code exit-on-failure=false} ({@code recoverAfterFatal(true)}) it keeps running.
 */
final class OurInstance extends FleetInstance {

	private final boolean exitOnFailure;

	private final FleetClock clock;

	private @Nullable ConductorTokenManager manager;

	private OurInstance(long startedAt, boolean exitOnFailure, FleetClock clock) {
		super(startedAt);
		this.exitOnFailure = exitOnFailure;
		this.clock = clock;
	}

	/**
	 * Start an instance: it mints its first token in the background.
	 * @param endpoint the side's token endpoint
	 * @param settings the fleet's timing
	 * @param exitOnFailure whether the application exits in the fatal state
	 * @param scheduler the side's scheduler
	 * @param clock the clock of the scheduler
	 * @return the instance
	 */
	static OurInstance start(FleetTokenEndpoint endpoint, FleetSettings settings, boolean exitOnFailure,
			TaskScheduler scheduler, FleetClock clock) {
		OurInstance instance = new OurInstance(System.nanoTime(), exitOnFailure, clock);
		ConductorTokenManager manager = ConductorTokenManager
			.builder(endpoint.tokenUri(), FleetTokenEndpoint.KEY_ID, FleetTokenEndpoint.KEY_SECRET)
			.refreshBeforeExpiry(settings.run(FleetSettings.REFRESH_BEFORE_EXPIRY))
			.clockSkew(settings.run(FleetSettings.CLOCK_SKEW))
			.acquireTimeout(settings.run(FleetSettings.ACQUIRE_TIMEOUT))
			.retry(FleetSettings.MAX_ATTEMPTS, settings.run(FleetSettings.INITIAL_INTERVAL), FleetSettings.MULTIPLIER,
					settings.run(FleetSettings.MAX_INTERVAL))
			.recoverAfterFatal(!exitOnFailure)
			.clock(clock)
			.scheduler(scheduler)
			.eventPublisher(instance::onEvent)
			.build();
		instance.manager = manager;
		manager.start();
		return instance;
	}

	@Override
	protected @Nullable String token(long now) {
		ConductorTokenManager manager = this.manager;
		if (manager == null) {
			return null;
		}
		CompletableFuture<@Nullable String> token;
		try {
			token = manager.getTokenAsync().toCompletableFuture();
		}
		catch (TokenUnavailableException ex) {
			return null;
		}
		// a worker would wait for a token in flight; the poll only notes that it has none
		return (token.isDone() && !token.isCompletedExceptionally()) ? token.getNow(null) : null;
	}

	private void onEvent(Object event) {
		long now = System.nanoTime();
		if (event instanceof ConductorTokenRefreshedEvent refreshed) {
			holds(now, this.clock.nanoTimeOf(refreshed.getExpiresAt()));
		}
		else if (event instanceof ConductorAuthenticationFatalEvent) {
			if (this.exitOnFailure) {
				exited(now);
			}
			else {
				wentFatal(now);
			}
		}
	}

	@Override
	public void close() {
		ConductorTokenManager manager = this.manager;
		if (manager != null) {
			manager.close();
		}
	}

}
