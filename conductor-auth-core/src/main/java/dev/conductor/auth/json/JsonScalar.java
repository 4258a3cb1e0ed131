package dev.conductor.auth.json;

/**
 * One scalar value of a JSON object: a string, a number, a boolean or {@code null}.
 *
 * @param type what kind of scalar it is
 * @param text a string's value; a number's value in Java's notation ({@code 1.5},
 * {@code 100.0}, {@code 12345678901234567890123}); {@code true} or {@code false}; empty
 * for {@code null}
 */
public record JsonScalar(Type type, String text) {

	/**
	 * Return whether the value is a string.
	 * @return whether it is a string
	 */
	public boolean isString() {
		return this.type == Type.STRING;
	}

	/**
	 * Return whether the value is a number.
	 * @return whether it is a number
	 */
	public boolean isNumber() {
		return this.type == Type.NUMBER;
	}

	/**
	 * Return a number as a {@code double}, rounded to the nearest, infinite beyond its
	 * range.
	 * @return the number
	 * @throws IllegalStateException when the value is not a number
	 */
	public double doubleValue() {
		if (!isNumber()) {
			throw new IllegalStateException("A JSON " + this.type + " is not a number");
		}
		return Double.parseDouble(this.text);
	}

	/**
	 * Describe the value by its type only: it may be a token.
	 */
	@Override
	public String toString() {
		return "JsonScalar[" + this.type + "]";
	}

	/**
	 * The kinds of JSON scalar.
	 */
	public enum Type {

		/**
		 * A string.
		 */
		STRING,

		/**
		 * A number, integral or not.
		 */
		NUMBER,

		/**
		 * {@code true} or {@code false}.
		 */
		BOOLEAN,

		/**
		 * {@code null}.
		 */
		NULL

	}

}
