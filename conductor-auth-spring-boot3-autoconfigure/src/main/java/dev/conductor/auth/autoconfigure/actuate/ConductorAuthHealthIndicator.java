package dev.conductor.auth.autoconfigure.actuate;

import java.time.Duration;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.ConductorTokenStatus;

/**
 * Health of the Conductor token, as the {@code conductorAuth} indicator: {@code UP} while
 * a valid token exists (with its expiry and the time until its refresh), and while the
 * server has no security (its token endpoint answered 404: the {@code authentication}
 * detail then says that requests are sent without a token), {@code DOWN} in the fatal
 * state and while no valid token exists after a failed attempt, {@code UNKNOWN} before
 * the first token. The details never show the token or the secret.
 */
public class ConductorAuthHealthIndicator extends AbstractHealthIndicator {

	private static final String UNSECURED = "none: the token endpoint answered 404, requests are sent without a token";

	private final ConductorTokenManager tokenManager;

	/**
	 * Create an indicator.
	 * @param tokenManager the token manager to report on
	 */
	public ConductorAuthHealthIndicator(ConductorTokenManager tokenManager) {
		super("Conductor authentication health check failed");
		this.tokenManager = tokenManager;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ConductorTokenStatus status = this.tokenManager.getStatus();
		if (status.fatal()) {
			builder.down().withDetail("fatal", true);
		}
		else if (!status.secured()) {
			// UP, since this server wants no token; but "secured: false" alone reads
			// like a setting, not like every request going out unauthenticated
			builder.up().withDetail("secured", false).withDetail("authentication", UNSECURED);
		}
		else if (status.valid() && status.expiresAt() != null && status.refreshAt() != null) {
			Duration refreshIn = Duration.between(status.checkedAt(), status.refreshAt());
			builder.up()
				.withDetail("expiresAt", status.expiresAt().toString())
				.withDetail("refreshIn", (refreshIn.isNegative() ? Duration.ZERO : refreshIn).toString());
		}
		else if (status.consecutiveFailures() > 0) {
			builder.down();
		}
		else {
			builder.unknown();
		}
		builder.withDetail("consecutiveFailures", status.consecutiveFailures());
		if (status.lastFailure() != null && status.consecutiveFailures() > 0) {
			builder.withDetail("lastFailure", status.lastFailure());
		}
	}

}
