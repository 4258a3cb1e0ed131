/**
 * What the tests share: a clock and a scheduler that tests move, a token endpoint that
 * issues real JWTs, and the suite-wide scan that no secret or token reaches a log.
 */
@NullMarked
package dev.conductor.auth.test;

import org.jspecify.annotations.NullMarked;
