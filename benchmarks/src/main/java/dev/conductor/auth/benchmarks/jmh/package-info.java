/**
 * JMH benchmarks of the steady state: the cost of putting a valid token on a request,
 * measured on clients whose transport answers in memory, with no network.
 */
@NullMarked
package dev.conductor.auth.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
