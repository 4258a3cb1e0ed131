package dev.conductor.auth.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOffExecution;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.event.ConductorTokenRefreshFailedEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.RefreshReason;

/**
 * Keeps a Conductor API token alive for everyone who needs one. Reading a valid token
 * takes no lock and allocates nothing. Once the token is due, one background refresh
 * replaces it while callers keep using it; once it has expired, callers wait for that one
 * refresh, at most the acquire timeout. However many callers need a new token at the same
 * moment, the token endpoint sees one call. Failed attempts are retried on the manager's
 * own scheduler with exponential back-off; when the failure budget is spent and no valid
 * token is left, every caller gets a {@link FatalAuthenticationException} and a
 * {@link ConductorAuthenticationFatalEvent} is published once.
 *
 * <pre class="code">
 * ConductorTokenManager tokens = ConductorTokenManager
 *     .builder(URI.create("https://developer.orkescloud.com/api/token"), keyId, keySecret)
 *     .eventPublisher(applicationContext)
 *     .build();
 * tokens.start();
 * headers.set("X-Authorization", tokens.getToken());
 * </pre>
 *
 * @see ConductorTokenManagerBuilder
 */
public final class ConductorTokenManager implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ConductorTokenManager.class);

	private final TokenEndpoint endpoint;

	private final TokenLifetime lifetime;

	private final FailureBudget budget;

	private final Duration acquireTimeout;

	private final int exitCode;

	private final boolean recoverAfterFatal;

	private final Clock clock;

	private final TaskScheduler scheduler;

	private final @Nullable ThreadPoolTaskScheduler ownedScheduler;

	private final ApplicationEventPublisher eventPublisher;

	private final ObservationRegistry observationRegistry;

	private final AtomicReference<@Nullable TokenState> current = new AtomicReference<>();

	private final AtomicReference<@Nullable Refresh> refresh = new AtomicReference<>();

	private volatile @Nullable FatalAuthenticationException fatal;

	private volatile int consecutiveFailures;

	private volatile @Nullable TokenMintException lastFailure;

	private volatile @Nullable ScheduledFuture<?> dueTask;

	private volatile @Nullable ScheduledFuture<?> attemptTask;

	private volatile @Nullable Thread worker;

	private volatile boolean closed;

	ConductorTokenManager(ConductorTokenManagerBuilder builder, TokenEndpoint endpoint) {
		this.endpoint = endpoint;
		this.lifetime = builder.lifetime();
		this.budget = builder.budget();
		this.acquireTimeout = builder.acquireTimeout();
		this.exitCode = builder.exitCode();
		this.recoverAfterFatal = builder.recoverAfterFatal();
		this.clock = builder.clock();
		this.eventPublisher = builder.eventPublisher();
		this.observationRegistry = builder.observationRegistry();
		TaskScheduler scheduler = builder.scheduler();
		this.ownedScheduler = (scheduler != null) ? null : ownScheduler(this.clock);
		this.scheduler = (scheduler != null) ? scheduler : this.ownedScheduler;
	}

	private static ThreadPoolTaskScheduler ownScheduler(Clock clock) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("conductor-auth-token-");
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setAwaitTerminationMillis(5000);
		scheduler.setClock(clock);
		scheduler.initialize();
		return scheduler;
	}

	/**
	 * Start building a manager for the given token endpoint.
	 * @param tokenUri the token endpoint, {@code base-url} + {@code token-path}
	 * @param keyId the application key id
	 * @param keySecret the application key secret
	 * @return a builder with the documented defaults
	 */
	public static ConductorTokenManagerBuilder builder(URI tokenUri, String keyId, String keySecret) {
		return new ConductorTokenManagerBuilder(tokenUri, keyId, keySecret);
	}

	/**
	 * Mint the first token in the background, unless a token exists or is being minted.
	 */
	public void start() {
		if (this.current.get() == null && !this.closed) {
			startRefresh(RefreshReason.INITIAL, null, null);
		}
	}

	/**
	 * Return a valid token, waiting at most the acquire timeout when there is none.
	 * @return the token, or {@code null} when the server has no security (its token
	 * endpoint answered 404) and requests go without one
	 * @throws TokenUnavailableException when no token came within the acquire timeout
	 * @throws FatalAuthenticationException when the failure budget is spent
	 */
	public @Nullable String getToken() {
		TokenState state = this.current.get();
		TokenState usable = usable(state);
		return (usable != null) ? usable.value() : await(pendingRefresh(state)).value();
	}

	/**
	 * Return a stage that completes with a valid token, without blocking the calling
	 * thread while there is none. It completes exceptionally with a
	 * {@link TokenUnavailableException} after the acquire timeout, or with a
	 * {@link FatalAuthenticationException} when the failure budget is spent.
	 * @return the token, or {@code null} when the server has no security
	 */
	public CompletionStage<@Nullable String> getTokenAsync() {
		TokenState state = this.current.get();
		TokenState usable = usable(state);
		if (usable != null) {
			return usable.stage();
		}
		try {
			return awaitAsync(pendingRefresh(state));
		}
		catch (TokenUnavailableException ex) {
			return CompletableFuture.failedStage(ex);
		}
	}

	/**
	 * Return the token to replay a request with after the server rejected
	 * {@code rejectedToken}. Only if that token is still the current one is a new token
	 * minted; otherwise the one that replaced it is returned. A token that the server
	 * rejects before it accepted it once (see {@link #tokenAccepted(String)}) counts as a
	 * failed attempt, so that no answer of the server can make the manager call the token
	 * endpoint faster than its back-off.
	 * @param rejectedToken the token that the server rejected
	 * @return the token to replay with, or {@code null} when the server has no security
	 * @throws TokenUnavailableException when no token came within the acquire timeout
	 * @throws FatalAuthenticationException when the failure budget is spent
	 */
	public @Nullable String replaceRejectedToken(String rejectedToken) {
		if (this.closed) {
			throw closedException();
		}
		Refresh refresh = refreshAfterRejection(rejectedToken);
		return (refresh != null) ? await(refresh).value() : getToken();
	}

	/**
	 * Tell the manager that the server accepted {@code token}: a request with it got an
	 * answer that was not a token error. The adapters call it for every such answer; it
	 * takes no lock and allocates nothing. A token that the server rejects before it
	 * accepted it once counts as a failed attempt.
	 * @param token the token that was sent
	 */
	public void tokenAccepted(String token) {
		TokenState state = this.current.get();
		if (state != null && (state.value() == token || token.equals(state.value()))) {
			state.accept();
		}
	}

	/**
	 * Non-blocking variant of {@link #replaceRejectedToken(String)}.
	 * @param rejectedToken the token that the server rejected
	 * @return a stage that completes with the token to replay with
	 */
	public CompletionStage<@Nullable String> replaceRejectedTokenAsync(String rejectedToken) {
		if (this.closed) {
			return CompletableFuture.failedStage(closedException());
		}
		Refresh refresh = refreshAfterRejection(rejectedToken);
		return (refresh != null) ? awaitAsync(refresh) : getTokenAsync();
	}

	/**
	 * Return what the manager knows now, for health checks and metrics.
	 * @return a snapshot that never holds the token
	 */
	public ConductorTokenStatus getStatus() {
		TokenState state = this.current.get();
		TokenMintException failure = this.lastFailure;
		boolean secured = state == null || state.value() != null;
		boolean hasToken = state != null && secured;
		long now = this.clock.millis();
		return new ConductorTokenStatus(Instant.ofEpochMilli(now), state != null && state.isUsable(now), secured,
				hasToken ? state.expiresAt() : null, hasToken ? Instant.ofEpochMilli(state.dueAt()) : null,
				this.consecutiveFailures, (failure != null) ? failure.getMessage() : null, this.fatal != null);
	}

	/**
	 * Stop minting: cancel what is scheduled, release callers that wait, and stop the
	 * manager's own threads, interrupting a token request in flight on them.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		cancel(this.dueTask);
		cancel(this.attemptTask);
		Refresh running = this.refresh.getAndSet(null);
		if (running != null) {
			running.result().completeExceptionally(closedException());
		}
		if (this.ownedScheduler != null) {
			if (Thread.currentThread() == this.worker) {
				this.ownedScheduler.setAwaitTerminationMillis(0);
			}
			this.ownedScheduler.shutdown();
		}
		this.endpoint.close();
	}

	@Override
	public String toString() {
		return "ConductorTokenManager[" + this.endpoint + "]";
	}

	/**
	 * Return {@code state} if its token may be sent, starting the background refresh once
	 * it is due; {@code null} if callers must wait for a new token.
	 */
	private @Nullable TokenState usable(@Nullable TokenState state) {
		if (state == null) {
			return null;
		}
		long now = this.clock.millis();
		if (now < state.dueAt()) {
			return state;
		}
		if (state.isUsable(now)) {
			if (this.refresh.get() == null) {
				refreshInBackground(state);
			}
			return state;
		}
		return null;
	}

	private void refreshInBackground(TokenState state) {
		if (!this.closed && this.fatal == null && this.current.get() == state) {
			startRefresh(RefreshReason.SCHEDULED, state, null);
		}
	}

	private Refresh pendingRefresh(@Nullable TokenState observed) {
		FatalAuthenticationException fatal = this.fatal;
		if (fatal != null) {
			throw fatal.forCaller();
		}
		if (this.closed) {
			throw closedException();
		}
		return startRefresh((observed != null) ? RefreshReason.EXPIRED : RefreshReason.INITIAL, observed, null);
	}

	private @Nullable Refresh refreshAfterRejection(String rejectedToken) {
		TokenState state = this.current.get();
		long now = this.clock.millis();
		if (state == null || !rejectedToken.equals(state.value()) || !state.isUsable(now) || this.fatal != null) {
			// already replaced, or being replaced: getToken() finds the new one or waits
			return null;
		}
		// a server that rejects a token it never accepted would have us mint in a loop
		TokenMintException early = state.isAccepted() ? null
				: new TokenMintException("The server rejected a token that it had not accepted once, "
						+ (now - state.mintedAt()) + " ms after it was minted", null);
		Refresh refresh = startRefresh(RefreshReason.REJECTED, state, early);
		this.current.compareAndSet(state, state.rejectedAt(now));
		return refresh;
	}

	/**
	 * Return the refresh in flight, or start one. A refresh started to replace
	 * {@code observed} is dropped when another refresh replaced it meanwhile. A refresh
	 * for a rejected token first takes that token out of use; with an
	 * {@code earlyFailure}, its first attempt waits for the back-off of one more failure.
	 */
	private Refresh startRefresh(RefreshReason reason, @Nullable TokenState observed,
			@Nullable TokenMintException earlyFailure) {
		while (true) {
			Refresh running = this.refresh.get();
			if (running != null) {
				return running;
			}
			Refresh created = new Refresh(reason);
			if (this.refresh.compareAndSet(null, created)) {
				TokenState latest = this.current.get();
				if (latest != null && latest != observed && latest.isUsable(this.clock.millis())) {
					this.refresh.compareAndSet(created, null);
					created.result().complete(latest);
				}
				else if (reason == RefreshReason.REJECTED && observed != null) {
					// no longer hand out the rejected token, before the budget looks at
					// it
					this.current.compareAndSet(observed, observed.rejectedAt(this.clock.millis()));
					if (earlyFailure != null) {
						created.continueAfter(observed.failuresBefore());
						failed(created, earlyFailure);
					}
					else {
						scheduleAttempt(created, 0);
					}
				}
				else {
					scheduleAttempt(created, 0);
				}
				return created;
			}
		}
	}

	private void attempt(Refresh refresh) {
		if (this.closed) {
			return;
		}
		this.worker = Thread.currentThread();
		int attempt = refresh.startAttempt();
		Observation observation = Observation.start("conductor.auth.token.mint", this.observationRegistry)
			.lowCardinalityKeyValue("reason", refresh.reason().name());
		TokenState state;
		try {
			String token = this.endpoint.mint();
			long now = this.clock.millis();
			state = (token != null) ? this.lifetime.stateOf(token, now, refresh.failures()) : TokenState.unsecured(now);
			observation.lowCardinalityKeyValue("outcome", (token != null) ? "success" : "unsecured");
		}
		catch (RuntimeException ex) {
			TokenMintException failure = (ex instanceof TokenMintException mintFailure) ? mintFailure
					: new TokenMintException("Minting a Conductor token failed unexpectedly", ex);
			observation.lowCardinalityKeyValue("outcome", "failure").error(failure);
			observation.stop();
			failed(refresh, failure);
			return;
		}
		observation.stop();
		succeeded(refresh, state, attempt);
	}

	private void succeeded(Refresh refresh, TokenState state, int attempt) {
		if (this.closed) {
			return;
		}
		boolean recovered = this.fatal != null;
		this.current.set(state);
		this.fatal = null;
		this.consecutiveFailures = 0;
		this.refresh.compareAndSet(refresh, null);
		if (state.value() == null) {
			refresh.result().complete(state);
			logger.warn("Conductor token endpoint " + this.endpoint + " answered 404: the server has no security. "
					+ "Requests are sent without a token; set conductor.auth.enabled=false to turn this off.");
			return;
		}
		RefreshReason reason = recovered ? RefreshReason.RECOVERED : refresh.reason();
		if (recovered) {
			logger.info("Conductor authentication recovered: a token was minted after " + refresh.failures()
					+ " failed attempts; it expires at " + state.expiresAt());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Minted a Conductor token (" + reason + ", attempt " + attempt + "), expires at "
					+ state.expiresAt());
		}
		// the event first: a caller that gets the new token can rely on it being
		// published
		publish(new ConductorTokenRefreshedEvent(this, this.clock, reason, state.expiresAt(), attempt));
		refresh.result().complete(state);
		cancel(this.dueTask);
		this.dueTask = schedule(() -> refreshInBackground(state), state.dueAt() - this.clock.millis());
	}

	private void failed(Refresh refresh, TokenMintException failure) {
		if (this.closed) {
			return;
		}
		int failures = refresh.recordFailure(failure);
		this.consecutiveFailures = failures;
		this.lastFailure = failure;
		long delay = (this.fatal != null) ? this.budget.maxInterval().toMillis() : this.budget.delayAfter(failures);
		if (delay != BackOffExecution.STOP && failure.getRetryAfter() != null) {
			// the server may ask for a longer wait, never a shorter one, and no longer
			// than
			// the longest back-off
			delay = Math.max(delay, Math.min(failure.getRetryAfter().toMillis(), this.budget.maxInterval().toMillis()));
		}
		if (delay == BackOffExecution.STOP) {
			TokenState state = this.current.get();
			long now = this.clock.millis();
			if (state == null || !state.isUsable(now)) {
				enterFatal(refresh, failure, failures);
				return;
			}
			// the budget is spent, but the current token still works: hold on to it
			// and keep trying until it expires
			delay = Math.min(this.budget.maxInterval().toMillis(), state.expiredAt() - now);
		}
		logger.warn("Conductor token attempt " + failures + "/" + this.budget.maxAttempts() + " failed, next in "
				+ Duration.ofMillis(delay) + ": " + failure.getMessage());
		publish(new ConductorTokenRefreshFailedEvent(this, this.clock, failures, this.budget.maxAttempts(), failure,
				Duration.ofMillis(delay)));
		scheduleAttempt(refresh, delay);
	}

	private void enterFatal(Refresh refresh, TokenMintException failure, int failures) {
		FatalAuthenticationException fatal = new FatalAuthenticationException(
				"Conductor authentication is lost: " + failures
						+ " attempts in a row failed and no valid token is left. Last: " + failure.getMessage(),
				this.exitCode, failure);
		this.fatal = fatal;
		if (!this.recoverAfterFatal) {
			this.refresh.compareAndSet(refresh, null);
			cancel(this.dueTask);
		}
		logger.error(fatal.getMessage() + (this.recoverAfterFatal
				? " Trying again every " + this.budget.maxInterval() + "." : " Exit code " + this.exitCode + "."));
		publish(new ConductorAuthenticationFatalEvent(this, this.clock, failures, failure, this.exitCode));
		refresh.result().completeExceptionally(fatal);
		if (this.recoverAfterFatal) {
			scheduleAttempt(refresh, this.budget.maxInterval().toMillis());
		}
	}

	private TokenState await(Refresh refresh) {
		try {
			return refresh.result().get(this.acquireTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			throw forCaller(ex, refresh);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TokenUnavailableException("Interrupted while waiting for a Conductor token", ex);
		}
	}

	private CompletionStage<@Nullable String> awaitAsync(Refresh refresh) {
		return refresh.result()
			.thenApply(TokenState::value)
			.orTimeout(this.acquireTimeout.toNanos(), TimeUnit.NANOSECONDS)
			.exceptionallyCompose((ex) -> CompletableFuture.failedStage(forCaller(ex, refresh)));
	}

	/**
	 * Turn what ended a wait into the exception for the caller that waited.
	 */
	private TokenUnavailableException forCaller(Throwable ex, Refresh refresh) {
		Throwable cause = (ex instanceof CompletionException || ex instanceof ExecutionException)
				&& ex.getCause() != null ? ex.getCause() : ex;
		if (cause instanceof FatalAuthenticationException fatal) {
			return fatal.forCaller();
		}
		if (cause instanceof TokenUnavailableException unavailable) {
			return new TokenUnavailableException(unavailable.getMessage(), unavailable.getCause());
		}
		TokenMintException last = refresh.lastFailure();
		String message = "No Conductor token within " + this.acquireTimeout
				+ ((last != null)
						? ": " + refresh.failures() + " attempts in a row failed, the last: " + last.getMessage()
						: ": the token endpoint has not answered yet");
		return new TokenUnavailableException(message, (last != null) ? last : cause);
	}

	private TokenUnavailableException closedException() {
		return new TokenUnavailableException("The Conductor token manager is closed", null);
	}

	private void scheduleAttempt(Refresh refresh, long delayMillis) {
		try {
			this.attemptTask = schedule(() -> attempt(refresh), delayMillis);
		}
		catch (RuntimeException ex) {
			// a refresh that can never run must not keep callers waiting for it
			this.refresh.compareAndSet(refresh, null);
			refresh.result()
				.completeExceptionally(new TokenUnavailableException(
						"The Conductor token manager could not schedule an attempt: " + ex.getMessage(), ex));
		}
	}

	private @Nullable ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		try {
			return this.scheduler.schedule(task, Instant.ofEpochMilli(this.clock.millis() + Math.max(0, delayMillis)));
		}
		catch (TaskRejectedException ex) {
			if (this.closed) {
				return null;
			}
			throw ex;
		}
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

	private void publish(ApplicationEvent event) {
		try {
			this.eventPublisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of " + event.getClass().getSimpleName() + " failed", ex);
		}
	}

}
