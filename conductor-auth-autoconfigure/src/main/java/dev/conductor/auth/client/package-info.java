/**
 * HTTP client adapters that put the Conductor token on requests to the Conductor API and
 * replace a token that the server rejects: {@link ConductorAuthInterceptor} for
 * {@code RestClient} and {@code RestTemplate}, {@link ConductorAuthExchangeFilter} for
 * {@code WebClient}. Both share one {@link ConductorRequestAuthenticator}.
 */
@NullMarked
package dev.conductor.auth.client;

import org.jspecify.annotations.NullMarked;
