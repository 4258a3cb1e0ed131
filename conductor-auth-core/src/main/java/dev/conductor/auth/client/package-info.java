/**
 * HTTP client adapters that put the Conductor token on requests to the Conductor API and
 * replace a token that the server rejects: {@link ConductorAuthInterceptor} for
 * {@code RestClient} and {@code RestTemplate}, {@link ConductorAuthExchangeFilter} for
 * {@code WebClient}, and, for the official Conductor Java client,
 * {@link ConductorAuthHeaderSupplier} with {@link ConductorAuthOkHttpInterceptor}. All of
 * them share one {@link ConductorRequestAuthenticator}.
 */
@NullMarked
package dev.conductor.auth.client;

import org.jspecify.annotations.NullMarked;
