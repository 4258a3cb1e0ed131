package dev.conductor.auth.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.util.StringUtils;

/**
 * The checks of the {@code conductor.auth.*} values that have no fallback: the header
 * name and prefix, the refresh errors, the exit code, and the range of every duration and
 * retry setting. A value out of its range throws an
 * {@link InvalidConductorAuthPropertyException} that names the property, the range and
 * the fix.
 */
final class ConductorAuthPropertiesCheck {

	private static final String PREFIX = "conductor.auth.";

	// Upper bounds, far above any sensible setting: without them a value such as 200000d
	// passes and overflows at run time (Duration.toNanos() beyond 292 years).

	// the assumed token lifetime and its two margins: Conductor tokens live 45 minutes,
	// and the margins are clamped to a share of the token's life anyway
	private static final Duration MAX_LIFETIME = Duration.ofHours(24);

	// retry.max-interval is also the interval of attempts once the budget is spent, and a
	// day without an attempt is no self-healing
	private static final Duration MAX_INTERVAL = Duration.ofHours(24);

	// a request or a connection that waits longer is hung, and its caller's own timeouts
	// have ended it long before
	private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

	// above 10 the second delay already reaches any sensible retry.max-interval
	private static final int MAX_MULTIPLIER = 10;

	// 100 attempts take about 50 minutes at the default 30s cap: more only postpone the
	// fatal state, and exit-on-failure=false keeps trying for ever
	private static final int MAX_ATTEMPTS = 100;

	private ConductorAuthPropertiesCheck() {
	}

	static void check(ConductorAuthProperties properties) {
		String headerName = properties.getHeaderName();
		if (headerName != null && (!StringUtils.hasText(headerName)
				|| !headerName.chars().allMatch((ch) -> ch > 0x20 && ch < 0x7f && ch != ':'))) {
			throw invalid("header-name", "'" + headerName + "' is not an HTTP header name",
					"Set conductor.auth.header-name to the header that carries the token, X-Authorization for Conductor, "
							+ "Authorization for an OAuth2 gateway.");
		}
		String headerPrefix = properties.getHeaderPrefix();
		if (headerPrefix != null && !headerPrefix.chars().allMatch((ch) -> ch >= 0x20 && ch < 0x7f)) {
			throw invalid("header-prefix", "it holds a character that an HTTP header value must not",
					"Set conductor.auth.header-prefix to printable ASCII text such as 'Bearer ', or to nothing.");
		}
		positive("token-ttl", properties.getTokenTtl(), MAX_LIFETIME, "45m");
		notNegative("refresh-before-expiry", properties.getRefreshBeforeExpiry(), MAX_LIFETIME, "5m");
		notNegative("clock-skew", properties.getClockSkew(), MAX_LIFETIME, "30s");
		positive("acquire-timeout", properties.getAcquireTimeout(), MAX_TIMEOUT, "10s");
		positive("connect-timeout", properties.getConnectTimeout(), MAX_TIMEOUT, "5s");
		positive("read-timeout", properties.getReadTimeout(), MAX_TIMEOUT, "10s");
		List<String> refreshErrors = properties.getRefreshErrors();
		if (refreshErrors != null && (refreshErrors.isEmpty()
				|| refreshErrors.stream().anyMatch((error) -> !StringUtils.hasText(error)))) {
			throw invalid("refresh-errors", "the list is empty or holds an empty value",
					"Set conductor.auth.refresh-errors to the error codes that mean 'get a new token', "
							+ "EXPIRED_TOKEN,INVALID_TOKEN for Conductor, invalid_token for an OAuth2 gateway.");
		}
		if (properties.getExitCode() < 0 || properties.getExitCode() > 255) {
			throw invalid("exit-code", properties.getExitCode() + " is not a process exit code",
					"Set conductor.auth.exit-code to a value from 0 to 255.");
		}
		ConductorAuthProperties.Retry retry = properties.getRetry();
		if (retry.getMaxAttempts() < 1 || retry.getMaxAttempts() > MAX_ATTEMPTS) {
			throw invalid("retry.max-attempts",
					retry.getMaxAttempts()
							+ ((retry.getMaxAttempts() < 1) ? " is less than 1" : " is more than " + MAX_ATTEMPTS),
					"Set conductor.auth.retry.max-attempts to 1 or more, up to " + MAX_ATTEMPTS
							+ "; to keep trying for ever, set conductor.auth.exit-on-failure=false instead.");
		}
		if (!(retry.getMultiplier() >= 1 && retry.getMultiplier() <= MAX_MULTIPLIER)) {
			throw invalid("retry.multiplier",
					retry.getMultiplier() + ((retry.getMultiplier() > MAX_MULTIPLIER)
							? " is more than " + MAX_MULTIPLIER : " is less than 1"),
					"Set conductor.auth.retry.multiplier to 1 (a fixed delay) or more, up to " + MAX_MULTIPLIER + ".");
		}
		positive("retry.initial-interval", retry.getInitialInterval(), MAX_INTERVAL, "2s");
		positive("retry.max-interval", retry.getMaxInterval(), MAX_INTERVAL, "30s");
		if (retry.getMaxInterval().compareTo(retry.getInitialInterval()) < 0) {
			throw invalid("retry.max-interval",
					retry.getMaxInterval() + " is shorter than retry.initial-interval " + retry.getInitialInterval(),
					"Set conductor.auth.retry.max-interval to at least conductor.auth.retry.initial-interval.");
		}
	}

	private static void positive(String property, Duration value, Duration max, String example) {
		checkDuration(property, value, max, false, example);
	}

	private static void notNegative(String property, Duration value, Duration max, String example) {
		checkDuration(property, value, max, true, example);
	}

	private static void checkDuration(String property, Duration value, Duration max, boolean zeroAllowed,
			String example) {
		String range = zeroAllowed ? "from 0 to " + format(max) : "above 0 and at most " + format(max);
		String action = "Set conductor.auth." + property + " to a duration " + range + ", such as " + example + ".";
		if (value.isNegative() || (value.isZero() && !zeroAllowed)) {
			throw invalid(property, value + " is not " + (zeroAllowed ? "zero or positive" : "positive"), action);
		}
		if (value.compareTo(max) > 0) {
			throw invalid(property, value + " is longer than " + format(max), action);
		}
	}

	private static String format(Duration bound) {
		return bound.toHours() + "h";
	}

	private static InvalidConductorAuthPropertyException invalid(String property, String problem, String action) {
		return new InvalidConductorAuthPropertyException(PREFIX + property, problem, action);
	}

}
