/**
 * End-to-end tests: a small Boot application with the starter, run in a child JVM.
 */
@NullMarked
package dev.conductor.auth.e2e;

import org.jspecify.annotations.NullMarked;
