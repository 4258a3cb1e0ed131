package dev.conductor.auth.token;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ConductorTokenManager} knows at one moment, for health checks and
 * metrics. It never holds the token.
 *
 * @param checkedAt when the snapshot was taken, by the manager's clock
 * @param valid whether a token that may be sent exists
 * @param secured whether the server wants a token: {@code false} once its token source
 * returned none (the Orkes token endpoint answered 404)
 * @param expiresAt when the current token expires, if there is one
 * @param refreshAt when the current token is due to be replaced, if there is one
 * @param consecutiveFailures failed attempts since the last success
 * @param lastFailure why the last attempt failed, if it did; never the secret
 * @param fatal whether the failure budget is spent and no valid token is left
 */
public record ConductorTokenStatus(Instant checkedAt, boolean valid, boolean secured, @Nullable Instant expiresAt,
		@Nullable Instant refreshAt, int consecutiveFailures, @Nullable String lastFailure, boolean fatal) {

}
