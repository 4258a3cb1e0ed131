/**
 * Actuator and Micrometer integration of conductor-auth: the {@code conductorAuth} health
 * indicator, the token meters and the masking of the key secret in the actuator's
 * endpoints, each auto-configured only when its classes are present.
 */
@NullMarked
package dev.conductor.auth.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
