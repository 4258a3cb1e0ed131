package dev.conductor.auth.token;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * What the token lifecycle knows at a given moment: the current token, the one refresh in
 * flight, the failures so far and whether authentication is lost for good. Shared by the
 * {@link RefreshCoordinator}, which callers go through, and the {@link AttemptPipeline},
 * which runs on the manager's thread; every field is safe to read from any thread.
 */
final class LifecycleState {

	final AtomicReference<@Nullable TokenState> current = new AtomicReference<>();

	final AtomicReference<@Nullable Refresh> refresh = new AtomicReference<>();

	volatile @Nullable FatalAuthenticationException fatal;

	volatile int consecutiveFailures;

	volatile @Nullable TokenMintException lastFailure;

	volatile @Nullable ScheduledFuture<?> dueTask;

	volatile @Nullable ScheduledFuture<?> attemptTask;

	volatile boolean closed;

	/**
	 * A snapshot for health checks and metrics, which never holds the token.
	 */
	ConductorTokenStatus status(long now) {
		TokenState state = this.current.get();
		TokenMintException failure = this.lastFailure;
		boolean secured = state == null || state.value() != null;
		boolean hasToken = state != null && secured;
		return new ConductorTokenStatus(Instant.ofEpochMilli(now), state != null && state.isUsable(now), secured,
				hasToken ? state.expiresAt() : null, hasToken ? Instant.ofEpochMilli(state.dueAt()) : null,
				this.consecutiveFailures, (failure != null) ? failure.getMessage() : null, this.fatal != null);
	}

	static TokenUnavailableException closedException() {
		return new TokenUnavailableException("The Conductor token manager is closed", null);
	}

}
