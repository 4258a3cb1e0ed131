package dev.conductor.auth.json;

import java.util.Map;

/**
 * The streaming parser and generator of one Jackson line: all that differs between
 * Jackson 3 and Jackson 2. What is read and written, and what counts as malformed, is
 * {@link JsonCodec}'s.
 */
interface JacksonStreams {

	/**
	 * Start a pass over JSON input.
	 * @param json the bytes that hold it
	 * @param offset where it starts
	 * @param length how many bytes it takes
	 * @return a cursor before its first token
	 */
	JsonTokenCursor open(byte[] json, int offset, int length);

	/**
	 * Write a JSON object whose fields are all strings.
	 * @param fields the names and values, in the order of the map's iteration
	 * @return the object in UTF-8
	 */
	byte[] writeStringFields(Map<String, String> fields);

	/**
	 * Return the streams of the Jackson line on a class path: Jackson 3 where both are,
	 * the line that Spring Boot 4 brings.
	 * @param classLoader the class loader to look in
	 * @param maxNestingDepth the deepest nesting to read
	 * @return the streams
	 * @throws IllegalStateException when neither line's jackson-core is there
	 */
	static JacksonStreams select(ClassLoader classLoader, int maxNestingDepth) {
		// each branch loads its line's classes only when it runs
		if (isPresent("tools.jackson.core.json.JsonFactory", classLoader)) {
			return new Jackson3Streams(maxNestingDepth);
		}
		if (isPresent("com.fasterxml.jackson.core.JsonFactory", classLoader)) {
			return new Jackson2Streams(maxNestingDepth);
		}
		throw new IllegalStateException("conductor-auth reads and writes JSON with jackson-core, which is not on the "
				+ "class path: add tools.jackson.core:jackson-core (Jackson 3, as Spring Boot 4 brings) or "
				+ "com.fasterxml.jackson.core:jackson-core (Jackson 2.15 or later)");
	}

	private static boolean isPresent(String className, ClassLoader classLoader) {
		try {
			Class.forName(className, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
