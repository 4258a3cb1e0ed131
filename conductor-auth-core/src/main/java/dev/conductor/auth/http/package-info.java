/**
 * What the token sources that call an HTTP token endpoint share: a bounded HTTP client of
 * their own, the reading of a {@code Retry-After}, and text from an answer made safe for
 * a log line. Support for {@code dev.conductor.auth.token} and
 * {@code dev.conductor.auth.oauth2}, not an API for applications.
 */
@NullMarked
package dev.conductor.auth.http;

import org.jspecify.annotations.NullMarked;
