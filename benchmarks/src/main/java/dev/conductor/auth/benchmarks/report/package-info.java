/**
 * What a run leaves behind: {@code RESULTS.md} and the chart of request latency around a
 * token refresh.
 */
@NullMarked
package dev.conductor.auth.benchmarks.report;

import org.jspecify.annotations.NullMarked;
