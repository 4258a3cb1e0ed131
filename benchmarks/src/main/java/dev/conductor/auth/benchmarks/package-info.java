/**
 * Benchmarks of conductor-auth, side by side with the official Conductor Java client: JMH
 * for the steady state ({@code jmh}), scenarios against a Conductor server played by
 * WireMock ({@code scenario}, {@code outage}), and the report ({@code report}).
 */
@NullMarked
package dev.conductor.auth.benchmarks;

import org.jspecify.annotations.NullMarked;
