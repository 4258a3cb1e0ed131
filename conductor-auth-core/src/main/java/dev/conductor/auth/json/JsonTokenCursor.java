package dev.conductor.auth.json;

import org.jspecify.annotations.Nullable;

/**
 * One pass over the tokens of a JSON input, on one Jackson line's parser. Every method
 * throws {@link MalformedJsonException} where the parser finds the input malformed.
 */
interface JsonTokenCursor extends AutoCloseable {

	/**
	 * Move to the next token.
	 * @return its kind, or {@code null} at the end of the input
	 */
	@Nullable JsonTokenKind next();

	/**
	 * The name of the field under the cursor, at a {@link JsonTokenKind#NAME}.
	 */
	String name();

	/**
	 * The value of the string under the cursor.
	 */
	String string();

	/**
	 * The value of the integer under the cursor: an {@code Integer}, a {@code Long} or a
	 * {@code BigInteger}, whichever holds it.
	 */
	Number integer();

	/**
	 * The value of the decimal number under the cursor, rounded to a {@code double}.
	 */
	double decimal();

	/**
	 * At the start of an object or an array, move to its end; elsewhere, stay.
	 */
	void skipChildren();

	@Override
	void close();

}
