/**
 * Spring Boot wiring of conductor-auth: the {@code conductor.auth.*} properties, the
 * auto-configurations that create the token manager and register the HTTP client
 * adapters, startup validation, and the exit when authentication is lost for good.
 */
@NullMarked
package dev.conductor.auth.autoconfigure;

import org.jspecify.annotations.NullMarked;
