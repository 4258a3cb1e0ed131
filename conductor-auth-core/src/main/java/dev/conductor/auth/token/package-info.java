/**
 * The Conductor token lifecycle: obtains tokens from a token source (by default, mints
 * them with an Orkes application key at the token endpoint), knows when they expire,
 * refreshes them once for everyone, backs off on failures and gives up loudly when the
 * failure budget is spent. Depends on spring-core, spring-context, spring-web and the
 * JSON layer only; knows nothing of auto-configuration or HTTP client adapters.
 *
 * @see dev.conductor.auth.token.ConductorTokenManager
 */
@NullMarked
package dev.conductor.auth.token;

import org.jspecify.annotations.NullMarked;
