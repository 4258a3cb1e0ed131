package dev.conductor.auth.benchmarks.scenario;

import java.time.Duration;

/**
 * The token timing of every scenario, scaled down from minutes to seconds so that a run
 * sees several refreshes. Tokens live {@link #TOKEN_LIFETIME} (their JWT {@code exp},
 * rounded up to a whole second). We refresh {@link #REFRESH_BEFORE_EXPIRY} before it and
 * stop sending the token {@link #CLOCK_SKEW} before it; the official client, which does
 * not read {@code exp}, refreshes every {@link #OFFICIAL_REFRESH_INTERVAL} (its
 * {@code CONDUCTOR_SECURITY_TOKEN_REFRESH_INTERVAL}). Both sides refresh at about the
 * same point of a token's life, well before it expires. Everything else (retry budget,
 * back-off, acquire timeout) is each side's default.
 */
public final class ScenarioSettings {

	/**
	 * How long the stub's tokens live.
	 */
	public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(8);

	/**
	 * Our {@code refresh-before-expiry}.
	 */
	public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(2);

	/**
	 * Our {@code clock-skew}.
	 */
	public static final Duration CLOCK_SKEW = Duration.ofMillis(500);

	/**
	 * The idle connections each side's OkHttp keeps, so that a burst of 64 requests finds
	 * open connections instead of opening new ones (OkHttp keeps 5 by default).
	 */
	public static final int IDLE_CONNECTIONS = 128;

	/**
	 * The official client's refresh interval (whole seconds).
	 */
	public static final Duration OFFICIAL_REFRESH_INTERVAL = Duration.ofSeconds(6);

	private ScenarioSettings() {
	}

}
