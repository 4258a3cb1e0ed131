/**
 * Actuator and Micrometer integration of conductor-auth: the {@code conductorAuth} health
 * indicator and the token meters, each auto-configured only when its classes are present.
 */
@NullMarked
package dev.conductor.auth.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
