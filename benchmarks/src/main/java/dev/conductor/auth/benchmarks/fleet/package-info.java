/**
 * The fleet scenario: hundreds of instances of each side, started over one token
 * lifetime, against one token endpoint per side that fails for a while and comes back;
 * time sped up, in one JVM.
 */
@NullMarked
package dev.conductor.auth.benchmarks.fleet;

import org.jspecify.annotations.NullMarked;
