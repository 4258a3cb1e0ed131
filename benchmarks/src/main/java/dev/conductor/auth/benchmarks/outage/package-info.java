/**
 * The outage scenario: each client runs in a JVM of its own, as an application would,
 * because the official client ends its JVM with {@code System.exit} when its refresh
 * budget is spent, and ours ends the application by default too.
 */
@NullMarked
package dev.conductor.auth.benchmarks.outage;

import org.jspecify.annotations.NullMarked;
