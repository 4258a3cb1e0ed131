package dev.conductor.auth.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;

/**
 * Builds a {@link ConductorTokenManager}, for an Orkes application key or for any
 * {@link ConductorTokenSource}. Every setting starts at the default of the matching
 * {@code conductor.auth.*} property.
 *
 * <pre class="code">
 * ConductorTokenManager tokens = ConductorTokenManager.builder(tokenUri, keyId, keySecret)
 *     .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
 *     .acquireTimeout(Duration.ofSeconds(5))
 *     .retry(5, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30))
 *     .eventPublisher(applicationContext)
 *     .build();
 *
 * ConductorTokenManager gatewayTokens = ConductorTokenManager.builder(gatewayTokenSource)
 *     .refreshBeforeExpiry(Duration.ofMinutes(1))
 *     .eventPublisher(applicationContext)
 *     .build();
 * </pre>
 */
public final class ConductorTokenManagerBuilder {

	/**
	 * The source handed in, or {@code null}: the builder makes an
	 * {@link OrkesTokenSource} of {@link #orkesKey} for each manager.
	 */
	private final @Nullable ConductorTokenSource source;

	private final @Nullable OrkesKey orkesKey;

	private Duration connectTimeout = Duration.ofSeconds(5);

	private Duration readTimeout = Duration.ofSeconds(10);

	private Duration tokenTtl = Duration.ofMinutes(45);

	private Duration refreshBeforeExpiry = Duration.ofMinutes(5);

	private Duration clockSkew = Duration.ofSeconds(30);

	private Duration acquireTimeout = Duration.ofSeconds(10);

	private int maxAttempts = 5;

	private Duration initialInterval = Duration.ofSeconds(2);

	private double multiplier = 2.0;

	private Duration maxInterval = Duration.ofSeconds(30);

	private int exitCode = 1;

	private boolean recoverAfterFatal;

	private Clock clock = MonotonicClock.system();

	private @Nullable TaskScheduler scheduler;

	private ApplicationEventPublisher eventPublisher = (event) -> {
	};

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	ConductorTokenManagerBuilder(URI tokenUri, String keyId, String keySecret) {
		OrkesTokenSource.checkKey(tokenUri, keyId, keySecret);
		this.source = null;
		this.orkesKey = new OrkesKey(tokenUri, keyId, keySecret);
	}

	ConductorTokenManagerBuilder(ConductorTokenSource source) {
		Assert.notNull(source, "Token source must not be null");
		this.source = source;
		this.orkesKey = null;
	}

	/**
	 * Set the connect and read timeouts of a request to the Orkes token endpoint, for a
	 * builder made with {@link ConductorTokenManager#builder(URI, String, String)}. A
	 * {@link ConductorTokenSource} handed in bounds its own calls: setting timeouts on a
	 * builder made from one is a mistake that would otherwise go unnoticed.
	 * @param connectTimeout the longest wait for a connection
	 * @param readTimeout the longest wait for the answer's next bytes
	 * @return this builder
	 * @throws IllegalStateException when this builder was made from a token source
	 */
	public ConductorTokenManagerBuilder timeouts(Duration connectTimeout, Duration readTimeout) {
		if (this.source != null) {
			throw new IllegalStateException("Timeouts apply to the Orkes token endpoint only: token source "
					+ TokenSourceDescription.of(this.source).source() + " bounds its own calls");
		}
		this.connectTimeout = positive(connectTimeout, "Connect timeout");
		this.readTimeout = positive(readTimeout, "Read timeout");
		return this;
	}

	/**
	 * Set the lifetime assumed when a token has no {@code expiresAt} and no JWT
	 * {@code exp} claim.
	 * @param tokenTtl the lifetime
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder tokenTtl(Duration tokenTtl) {
		this.tokenTtl = positive(tokenTtl, "Token TTL");
		return this;
	}

	/**
	 * Set how long before its expiry a token is replaced in the background.
	 * @param refreshBeforeExpiry the margin, clamped to half of a token's lifetime
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder refreshBeforeExpiry(Duration refreshBeforeExpiry) {
		this.refreshBeforeExpiry = notNegative(refreshBeforeExpiry, "Refresh before expiry");
		return this;
	}

	/**
	 * Set how long before its expiry a token is no longer sent.
	 * @param clockSkew the margin, clamped to a quarter of a token's lifetime
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder clockSkew(Duration clockSkew) {
		this.clockSkew = notNegative(clockSkew, "Clock skew");
		return this;
	}

	/**
	 * Set the longest a caller waits for a token when none is valid.
	 * @param acquireTimeout the timeout
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder acquireTimeout(Duration acquireTimeout) {
		this.acquireTimeout = positive(acquireTimeout, "Acquire timeout");
		return this;
	}

	/**
	 * Set the failure budget and the back-off between failed attempts.
	 * @param maxAttempts the consecutive failed attempts that spend the budget
	 * @param initialInterval the delay after the first failure
	 * @param multiplier the growth of the delay, at least 1
	 * @param maxInterval the cap of the delay, and the interval of attempts once the
	 * budget is spent
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder retry(int maxAttempts, Duration initialInterval, double multiplier,
			Duration maxInterval) {
		Assert.isTrue(maxAttempts >= 1, "Max attempts must be at least 1");
		Assert.isTrue(multiplier >= 1, "Multiplier must be at least 1");
		this.maxAttempts = maxAttempts;
		this.initialInterval = positive(initialInterval, "Initial interval");
		this.multiplier = multiplier;
		this.maxInterval = positive(maxInterval, "Max interval");
		Assert.isTrue(maxInterval.compareTo(initialInterval) >= 0, "Max interval must not be below initial interval");
		return this;
	}

	/**
	 * Set the exit code carried by {@link FatalAuthenticationException} and the fatal
	 * event.
	 * @param exitCode the process exit code
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder exitCode(int exitCode) {
		this.exitCode = exitCode;
		return this;
	}

	/**
	 * Set whether the manager keeps trying, every max interval, once the budget is spent,
	 * and recovers on the first success. Off by default: the application is expected to
	 * exit.
	 * @param recoverAfterFatal whether to keep trying
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder recoverAfterFatal(boolean recoverAfterFatal) {
		this.recoverAfterFatal = recoverAfterFatal;
		return this;
	}

	/**
	 * Set the clock that measures a token's life and schedules the attempts. By default a
	 * clock that starts at the wall time and advances with {@link System#nanoTime()}, so
	 * that a wall clock that jumps changes nothing; tests set one they move.
	 * @param clock the clock
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * Set the scheduler that runs refreshes and retries. Without one, the manager runs a
	 * daemon thread of its own and stops it on {@link ConductorTokenManager#close()}.
	 * @param scheduler the scheduler, whose clock should be the manager's
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder scheduler(@Nullable TaskScheduler scheduler) {
		this.scheduler = scheduler;
		return this;
	}

	/**
	 * Set where the manager publishes its events, usually the application context.
	 * @param eventPublisher the publisher
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder eventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
		return this;
	}

	/**
	 * Set the registry that observes each attempt to mint a token, as
	 * {@code conductor.auth.token.mint} with the key values {@code reason} and
	 * {@code outcome} ({@code success}, {@code failure} or {@code unsecured}).
	 * @param observationRegistry the registry
	 * @return this builder
	 */
	public ConductorTokenManagerBuilder observationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
		return this;
	}

	/**
	 * Build the manager. Call {@link ConductorTokenManager#start()} to mint the first
	 * token in the background. A manager built from an Orkes key owns the
	 * {@link OrkesTokenSource} made for it and closes it on
	 * {@link ConductorTokenManager#close()}; a source handed in is left to its owner.
	 * @return the manager
	 */
	public ConductorTokenManager build() {
		if (this.source != null) {
			return new ConductorTokenManager(this, this.source, null);
		}
		OrkesKey key = Objects.requireNonNull(this.orkesKey);
		OrkesTokenSource orkes = new OrkesTokenSource(key.tokenUri(), key.keyId(), key.keySecret(), this.connectTimeout,
				this.readTimeout, this.clock);
		try {
			return new ConductorTokenManager(this, orkes, orkes);
		}
		catch (RuntimeException | Error ex) {
			orkes.close();
			throw ex;
		}
	}

	TokenLifetime lifetime() {
		return new TokenLifetime(this.tokenTtl, this.refreshBeforeExpiry, this.clockSkew);
	}

	FailureBudget budget() {
		return new FailureBudget(this.maxAttempts, this.initialInterval, this.multiplier, this.maxInterval);
	}

	Duration acquireTimeout() {
		return this.acquireTimeout;
	}

	int exitCode() {
		return this.exitCode;
	}

	boolean recoverAfterFatal() {
		return this.recoverAfterFatal;
	}

	Clock clock() {
		return this.clock;
	}

	@Nullable TaskScheduler scheduler() {
		return this.scheduler;
	}

	ApplicationEventPublisher eventPublisher() {
		return this.eventPublisher;
	}

	ObservationRegistry observationRegistry() {
		return this.observationRegistry;
	}

	@Override
	public String toString() {
		OrkesKey key = this.orkesKey;
		return "ConductorTokenManagerBuilder["
				+ ((key != null) ? OrkesTokenSource.describe(key.tokenUri()) + ", keyId=" + key.keyId()
						: TokenSourceDescription.of(Objects.requireNonNull(this.source)).source())
				+ "]";
	}

	private static Duration positive(Duration duration, String name) {
		return OrkesTokenSource.checkTimeout(duration, name);
	}

	private static Duration notNegative(Duration duration, String name) {
		Assert.isTrue(!duration.isNegative(), () -> name + " must not be negative");
		return duration;
	}

	/**
	 * What the builder makes an {@link OrkesTokenSource} of; its {@code toString()}
	 * leaves the secret out.
	 */
	private record OrkesKey(URI tokenUri, String keyId, String keySecret) {

		@Override
		public String toString() {
			return "OrkesKey[" + OrkesTokenSource.describe(this.tokenUri) + ", keyId=" + this.keyId + "]";
		}

	}

}
