/**
 * The stress test, run by the {@code stress} profile.
 */
@NullMarked
package dev.conductor.auth.stress;

import org.jspecify.annotations.NullMarked;
