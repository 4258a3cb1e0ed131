/**
 * The JSON that conductor-auth reads and writes: the top-level scalar fields of one JSON
 * object (a token answer, an error answer, a JWT's claims) and a flat object of strings
 * (the token request). Served by the streaming API of jackson-core on whichever Jackson
 * line the application brings, Jackson 3 ({@code tools.jackson.core}) or Jackson 2
 * ({@code com.fasterxml.jackson.core}); the other layers never touch Jackson. Uses none
 * of the other layers.
 *
 * @see dev.conductor.auth.json.JsonCodec
 */
@NullMarked
package dev.conductor.auth.json;

import org.jspecify.annotations.NullMarked;
