package dev.conductor.auth.json;

/**
 * The kinds of JSON token that {@link JsonCodec} tells apart, the same on both Jackson
 * lines.
 */
enum JsonTokenKind {

	START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, NAME, STRING, INTEGER, DECIMAL, TRUE, FALSE, NULL

}
