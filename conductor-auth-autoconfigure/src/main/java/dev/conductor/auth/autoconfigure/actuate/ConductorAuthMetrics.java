package dev.conductor.auth.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;

import dev.conductor.auth.event.ConductorTokenRejectedEvent;
import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.ConductorTokenStatus;

/**
 * The token's meters: {@code conductor.auth.token.expiry} (seconds until the current
 * token expires, negative once it has, NaN without one),
 * {@code conductor.auth.token.failures} (consecutive failed attempts) and
 * {@code conductor.auth.token.rejections} (tokens the server rejected, tagged by
 * {@code status} and {@code error}). The timer of mint attempts,
 * {@code conductor.auth.token.mint}, comes from the token manager's observations.
 */
public class ConductorAuthMetrics implements MeterBinder, ApplicationListener<ConductorTokenRejectedEvent> {

	private final ConductorTokenManager tokenManager;

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Create the meters of a token manager.
	 * @param tokenManager the token manager to measure
	 */
	public ConductorAuthMetrics(ConductorTokenManager tokenManager) {
		this.tokenManager = tokenManager;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("conductor.auth.token.expiry", this.tokenManager, ConductorAuthMetrics::secondsUntilExpiry)
			.description("Time until the current Conductor token expires")
			.baseUnit("seconds")
			.register(registry);
		Gauge
			.builder("conductor.auth.token.failures", this.tokenManager,
					(manager) -> manager.getStatus().consecutiveFailures())
			.description("Consecutive failed attempts to mint a Conductor token")
			.register(registry);
	}

	@Override
	public void onApplicationEvent(ConductorTokenRejectedEvent event) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			Counter.builder("conductor.auth.token.rejections")
				.description("Conductor tokens that the server rejected")
				.tag("status", String.valueOf(event.getStatus()))
				.tag("error", event.getErrorCode())
				.register(registry)
				.increment();
		}
	}

	private static double secondsUntilExpiry(ConductorTokenManager manager) {
		ConductorTokenStatus status = manager.getStatus();
		Instant expiresAt = status.expiresAt();
		return (expiresAt != null) ? Duration.between(status.checkedAt(), expiresAt).toMillis() / 1000.0 : Double.NaN;
	}

}
