/**
 * An embedded Conductor simulator: a token endpoint that issues HS256 JWTs, the few API
 * endpoints the sample uses, answering exactly like a Conductor server does for expired,
 * invalid, revoked and forbidden requests, and controls to provoke each behaviour. In its
 * OAuth2 mode an authorization server issues the tokens (client credentials grant) and
 * the same API answers as a resource server behind a gateway (RFC 6750).
 */
@NullMarked
package dev.conductor.auth.sample.simulator;

import org.jspecify.annotations.NullMarked;
