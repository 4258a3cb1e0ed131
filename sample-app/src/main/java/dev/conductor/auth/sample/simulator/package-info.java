/**
 * An embedded Conductor simulator: a token endpoint that issues HS256 JWTs, the few API
 * endpoints the sample uses, answering exactly like a Conductor server does for expired,
 * invalid, revoked and forbidden requests, and controls to provoke each behaviour.
 */
@NullMarked
package dev.conductor.auth.sample.simulator;

import org.jspecify.annotations.NullMarked;
