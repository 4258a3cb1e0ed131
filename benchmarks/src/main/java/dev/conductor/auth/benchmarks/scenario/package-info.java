/**
 * The scenarios: ours and the official client against a Conductor server played by
 * WireMock, with latency and failures, one side after the other in the same run.
 */
@NullMarked
package dev.conductor.auth.benchmarks.scenario;

import org.jspecify.annotations.NullMarked;
