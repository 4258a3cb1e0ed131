package dev.conductor.auth.token;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;

/**
 * Keeps a Conductor API token alive for everyone who needs one. Reading a valid token
 * takes no lock and allocates nothing. Once the token is due, one background refresh
 * replaces it while callers keep using it; once it has expired, callers wait for that one
 * refresh's attempt, at most the acquire timeout, and never through a back-off after a
 * failed attempt. However many callers need a new token at the same moment, the token
 * source sees one call. Failed attempts are retried on the manager's own scheduler with
 * exponential back-off; when the failure budget is spent and no valid token is left,
 * every caller gets a {@link FatalAuthenticationException} and a
 * {@link ConductorAuthenticationFatalEvent} is published once, on the manager's thread.
 * <p>
 * Tokens come from a {@link ConductorTokenSource}: by default an {@link OrkesTokenSource}
 * that mints them with an application key at the Conductor token endpoint, or any source
 * of a server behind another token issuer. All of the above works the same for every
 * source.
 *
 * <pre class="code">
 * ConductorTokenManager tokens = ConductorTokenManager
 *     .builder(URI.create("https://developer.orkescloud.com/api/token"), keyId, keySecret)
 *     .eventPublisher(applicationContext)
 *     .build();
 * tokens.start();
 * headers.set("X-Authorization", tokens.getToken());
 *
 * ConductorTokenSource gateway = () -&gt; {
 *     GatewayToken token = gatewayClient.requestToken();
 *     return ConductorToken.of(token.value(), token.expiresAt(), token.issuedAt());
 * };
 * ConductorTokenManager gatewayTokens = ConductorTokenManager.builder(gateway)
 *     .eventPublisher(applicationContext)
 *     .build();
 * </pre>
 *
 * @see ConductorTokenManagerBuilder
 */
public final class ConductorTokenManager implements AutoCloseable {

	private final LifecycleState state = new LifecycleState();

	private final RefreshCoordinator refresher;

	private final TokenSourceDescription description;

	private final RefreshWait wait;

	private final Clock clock;

	/**
	 * Create a manager of {@code source}, which it closes on {@link #close()} when it is
	 * {@code ownedSource}.
	 */
	ConductorTokenManager(ConductorTokenManagerBuilder builder, ConductorTokenSource source,
			@Nullable AutoCloseable ownedSource) {
		this.description = TokenSourceDescription.of(source);
		this.clock = builder.clock();
		this.wait = new RefreshWait(builder.acquireTimeout(), this.clock, this.description);
		this.refresher = new RefreshCoordinator(builder, source, ownedSource, this.description, this.state,
				new RefreshScheduler(builder.scheduler(), this.clock),
				new LifecycleEvents(this, this.description, builder.eventPublisher(), this.clock));
	}

	/**
	 * Start building a manager that mints tokens with an Orkes application key at the
	 * given token endpoint, through an {@link OrkesTokenSource} that the manager makes,
	 * owns and closes.
	 * @param tokenUri the token endpoint, {@code base-url} + {@code token-path}
	 * @param keyId the application key id
	 * @param keySecret the application key secret
	 * @return a builder with the documented defaults
	 */
	public static ConductorTokenManagerBuilder builder(URI tokenUri, String keyId, String keySecret) {
		return new ConductorTokenManagerBuilder(tokenUri, keyId, keySecret);
	}

	/**
	 * Start building a manager that obtains its tokens from {@code source}. The manager
	 * calls it on its own thread, one call at a time, and never closes it: its owner (the
	 * application context, for a bean) does.
	 * @param source where new tokens come from
	 * @return a builder with the documented defaults
	 */
	public static ConductorTokenManagerBuilder builder(ConductorTokenSource source) {
		return new ConductorTokenManagerBuilder(source);
	}

	/**
	 * Mint the first token in the background, unless a token exists or is being minted.
	 */
	public void start() {
		this.refresher.start();
	}

	/**
	 * Return a valid token, waiting at most the acquire timeout when there is none.
	 * @return the token, or {@code null} when the server has no security (its token
	 * source returned none: the Orkes token endpoint answered 404) and requests go
	 * without one
	 * @throws TokenUnavailableException when no token came within the acquire timeout, or
	 * when the attempt failed: at once during a back-off
	 * @throws FatalAuthenticationException when the failure budget is spent
	 */
	public @Nullable String getToken() {
		TokenState state = this.refresher.current();
		TokenState usable = usable(state);
		return (usable != null) ? usable.value() : this.wait.await(this.refresher.pendingRefresh(state)).value();
	}

	/**
	 * Return a stage that completes with a valid token, without blocking the calling
	 * thread while there is none. It completes exceptionally with a
	 * {@link TokenUnavailableException} after the acquire timeout or when the attempt
	 * fails (at once during a back-off), or with a {@link FatalAuthenticationException}
	 * when the failure budget is spent.
	 * @return the token, or {@code null} when the server has no security
	 */
	public CompletionStage<@Nullable String> getTokenAsync() {
		TokenState state = this.refresher.current();
		TokenState usable = usable(state);
		if (usable != null) {
			return usable.stage();
		}
		try {
			return this.wait.awaitAsync(this.refresher.pendingRefresh(state));
		}
		catch (TokenUnavailableException ex) {
			return CompletableFuture.failedStage(ex);
		}
	}

	/**
	 * Return the token if a valid one is at hand, never waiting: for adapters that can
	 * skip the machinery of waiting when they need not wait. Like {@link #getToken()}, it
	 * takes no lock, allocates nothing and starts the background refresh once the token
	 * is due.
	 * @return the token, or {@code null} when a caller would have to wait for one (there
	 * is none yet, or it has expired or been rejected) or when the server has no
	 * security: {@link #getToken()} or {@link #getTokenAsync()} tell which
	 */
	public @Nullable String getTokenIfValid() {
		TokenState usable = usable(this.refresher.current());
		return (usable != null) ? usable.value() : null;
	}

	/**
	 * Wait for a valid token for as long as attempts go on: until one is minted, the
	 * failure budget is spent or the manager is closed, whatever the acquire timeout. For
	 * a start-up that must not go on without a token.
	 * @return the token, or {@code null} when the server has no security
	 * @throws FatalAuthenticationException when the failure budget is spent
	 * @throws TokenUnavailableException when the manager was closed, could not schedule
	 * an attempt, or the waiting thread was interrupted
	 */
	public @Nullable String awaitToken() {
		TokenState state = this.refresher.current();
		TokenState usable = usable(state);
		if (usable != null) {
			return usable.value();
		}
		Refresh refresh = this.refresher.pendingRefresh(state);
		try {
			return refresh.result().get().value();
		}
		catch (ExecutionException ex) {
			throw this.wait.forCaller(ex, refresh);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TokenUnavailableException("Interrupted while waiting for a Conductor token", ex);
		}
	}

	/**
	 * Return the token to replay a request with after the server rejected
	 * {@code rejectedToken}. Only if that token is still the current one is a new token
	 * minted; otherwise the one that replaced it is returned. A token that the server
	 * rejects before it accepted it once (see {@link #tokenAccepted(String)}), and a
	 * request sent without a token after the token source returned none (the Orkes token
	 * endpoint answered 404), count as a failed attempt, so that no answer of the server
	 * can make the manager call the token source faster than its back-off.
	 * @param rejectedToken the token that the server rejected, or {@code null} when the
	 * request went without one because the server seemed to have no security
	 * @return the token to replay with, or {@code null} when the server has no security
	 * @throws TokenUnavailableException when no token came within the acquire timeout
	 * @throws FatalAuthenticationException when the failure budget is spent
	 */
	public @Nullable String replaceRejectedToken(@Nullable String rejectedToken) {
		if (this.refresher.isClosed()) {
			throw LifecycleState.closedException();
		}
		Refresh refresh = this.refresher.refreshAfterRejection(rejectedToken);
		return (refresh != null) ? this.wait.await(refresh).value() : getToken();
	}

	/**
	 * Non-blocking variant of {@link #replaceRejectedToken(String)}.
	 * @param rejectedToken the token that the server rejected, or {@code null} when the
	 * request went without one
	 * @return a stage that completes with the token to replay with
	 */
	public CompletionStage<@Nullable String> replaceRejectedTokenAsync(@Nullable String rejectedToken) {
		if (this.refresher.isClosed()) {
			return CompletableFuture.failedStage(LifecycleState.closedException());
		}
		Refresh refresh = this.refresher.refreshAfterRejection(rejectedToken);
		return (refresh != null) ? this.wait.awaitAsync(refresh) : getTokenAsync();
	}

	/**
	 * Tell the manager that the server accepted {@code token}: a request with it got an
	 * answer that was not a token error. The adapters call it for every such answer; it
	 * takes no lock and allocates nothing. A token that the server rejects before it
	 * accepted it once counts as a failed attempt.
	 * @param token the token that was sent
	 */
	public void tokenAccepted(String token) {
		TokenState state = this.refresher.current();
		if (state != null && (state.value() == token || token.equals(state.value()))) {
			state.accept();
		}
	}

	/**
	 * Return what the manager knows now, for health checks and metrics.
	 * @return a snapshot that never holds the token
	 */
	public ConductorTokenStatus getStatus() {
		return this.state.status(this.clock.millis());
	}

	/**
	 * Stop minting: cancel what is scheduled, release callers that wait, and stop the
	 * manager's own threads, interrupting a token request in flight on them. Closes the
	 * {@link OrkesTokenSource} that the manager made, never a source it was handed.
	 */
	@Override
	public void close() {
		this.refresher.close();
	}

	@Override
	public String toString() {
		return "ConductorTokenManager[" + this.description.source() + "]";
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
			if (!this.refresher.isRefreshing()) {
				this.refresher.refreshInBackground(state);
			}
			return state;
		}
		return null;
	}

}
