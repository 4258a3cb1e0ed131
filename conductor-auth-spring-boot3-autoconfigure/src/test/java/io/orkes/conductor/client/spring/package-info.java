/**
 * A stand-in for the official Conductor Spring module's auto-configuration (Spring Boot
 * 3), for the tests of how conductor-auth coexists with it.
 */
@NullMarked
package io.orkes.conductor.client.spring;

import org.jspecify.annotations.NullMarked;
