package dev.conductor.auth.token;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link ConductorTokenManager} gets a new token: the one thing that differs
 * between a Conductor server that mints its own tokens (an Orkes application key at
 * {@code /token}, the default) and one behind an OAuth2 issuer or an API gateway.
 * Everything around it (background refresh, a single attempt for all callers, replay of a
 * rejected request, back-off, the failure budget, the fatal state and self-healing,
 * events, health and metrics) is the manager's and works the same for every source.
 * <p>
 * The manager calls {@link #obtainToken()} on its own thread, one call at a time, and
 * only when it wants a token other than the one it has: the first, a due one, one that
 * expired, or one the server rejected. A source must therefore never hand back a token it
 * cached, and must bound the time of each call (its own connect and read timeouts): a
 * call that never returns holds up the attempts that follow it. Its {@code toString()}
 * names it in the manager's log lines, exceptions and {@code toString()}: it must hold no
 * secret.
 *
 * <pre class="code">
 * &#64;Bean
 * ConductorTokenSource conductorTokenSource(VaultTemplate vault) {
 *     return () -&gt; ConductorToken.of(vault.read("secret/conductor").getRequiredData().get("token").toString());
 * }
 * </pre>
 *
 * @see ConductorTokenManager#builder(ConductorTokenSource)
 */
@FunctionalInterface
public interface ConductorTokenSource {

	/**
	 * Obtain a new token.
	 * @return the token, with its expiry if the source knows it, or {@code null} when the
	 * server wants no token: requests then go without one, and a request the server
	 * rejects for want of a token asks the source again, within the back-off
	 * @throws TokenMintException when the attempt failed, with the wait the issuer asked
	 * for if it did; any other exception is a failed attempt too
	 */
	@Nullable ConductorToken obtainToken();

}
