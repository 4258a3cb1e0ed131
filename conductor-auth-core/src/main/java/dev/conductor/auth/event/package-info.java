/**
 * Application events that tell what happens to the Conductor token: minted, failed,
 * rejected by the server, lost for good. Plain values that never carry the token or the
 * key secret.
 */
@NullMarked
package dev.conductor.auth.event;

import org.jspecify.annotations.NullMarked;
