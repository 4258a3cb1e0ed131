/**
 * Conductor tokens from an OAuth2 issuer through Spring Security's OAuth2 client: a
 * {@link dev.conductor.auth.token.ConductorTokenSource} for a Conductor server behind an
 * OAuth2 proxy or gateway. The only package that uses Spring Security, whose
 * {@code spring-security-oauth2-client} is an optional dependency; it builds on the token
 * lifecycle and knows nothing of the HTTP client adapters.
 *
 * @see dev.conductor.auth.oauth2.OAuth2ClientCredentialsTokenSource
 */
@NullMarked
package dev.conductor.auth.oauth2;

import org.jspecify.annotations.NullMarked;
