package dev.conductor.auth.json;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the JSON of conductor-auth with jackson-core, on Jackson 3 where it is
 * on the class path, else on Jackson 2. What is read, what counts as malformed and the
 * limits are decided here, once for both lines; each line only steps through tokens
 * ({@link JacksonStreams}).
 * <p>
 * Reading takes the top-level scalar fields of one JSON object, as a tree would hold
 * them: nested values are skipped without being built, the last of duplicate fields wins,
 * and a JSON value other than an object has no fields. The whole input must be one
 * well-formed JSON value: <pre class="code">
 * ScalarFields fields = JsonCodec.get().readScalarFields(body, 0, length, Set.of("error"));
 * String error = fields.string("error");
 * </pre>
 */
public final class JsonCodec {

	/**
	 * The deepest nesting read: Jackson 3's default, set on both lines so that they agree
	 * (Jackson 2's is twice that).
	 */
	static final int MAX_NESTING_DEPTH = 500;

	// two threads that both find none pick the same line: either result will do
	private static volatile @Nullable JsonCodec selected;

	private final JacksonStreams streams;

	JsonCodec(JacksonStreams streams) {
		this.streams = streams;
	}

	/**
	 * Return the codec of the Jackson line on the class path, Jackson 3 where both are.
	 * @return the codec
	 * @throws IllegalStateException when neither line's jackson-core is on the class path
	 */
	public static JsonCodec get() {
		JsonCodec codec = selected;
		if (codec == null) {
			codec = new JsonCodec(JacksonStreams.select(JsonCodec.class.getClassLoader(), MAX_NESTING_DEPTH));
			selected = codec;
		}
		return codec;
	}

	/**
	 * Read the top-level scalar fields of one JSON object.
	 * @param json the bytes that hold the JSON, in UTF-8 (or another encoding that JSON
	 * allows, told by its first bytes)
	 * @param offset where the JSON starts
	 * @param length how many bytes it takes
	 * @param names the fields wanted: the others are skipped without being decoded
	 * @return those of the wanted fields whose (last) value is a scalar; none when the
	 * input holds no value, or one that is not an object
	 * @throws MalformedJsonException when the input is not one well-formed JSON value
	 */
	public ScalarFields readScalarFields(byte[] json, int offset, int length, Set<String> names) {
		try (JsonTokenCursor cursor = this.streams.open(json, offset, length)) {
			JsonTokenKind first = cursor.next();
			ScalarFields fields = (first == JsonTokenKind.START_OBJECT) ? objectFields(cursor, names)
					: ScalarFields.NONE;
			cursor.skipChildren();
			if (cursor.next() != null) {
				throw new MalformedJsonException("More than one JSON value");
			}
			return fields;
		}
	}

	/**
	 * Write a JSON object whose fields are all strings.
	 * @param fields the names and values, in the order of the map's iteration
	 * @return the object in UTF-8
	 */
	public byte[] writeStringFields(Map<String, String> fields) {
		return this.streams.writeStringFields(fields);
	}

	private static ScalarFields objectFields(JsonTokenCursor cursor, Set<String> names) {
		Map<String, JsonScalar> fields = new HashMap<>();
		while (cursor.next() == JsonTokenKind.NAME) {
			String name = cursor.name();
			JsonTokenKind value = cursor.next();
			if (names.contains(name)) {
				JsonScalar scalar = scalar(cursor, value);
				// the last of duplicate fields wins, as in a tree, even when it is no
				// scalar
				if (scalar != null) {
					fields.put(name, scalar);
				}
				else {
					fields.remove(name);
				}
			}
			cursor.skipChildren();
		}
		return new ScalarFields(fields);
	}

	/**
	 * The scalar under the cursor, its text as a tree node renders it: a number by its
	 * value ({@code 1.50} as {@code 1.5}, {@code 1E2} as {@code 100.0}), {@code null} as
	 * an empty text.
	 */
	private static @Nullable JsonScalar scalar(JsonTokenCursor cursor, @Nullable JsonTokenKind kind) {
		if (kind == null) {
			return null;
		}
		return switch (kind) {
			case STRING -> new JsonScalar(JsonScalar.Type.STRING, cursor.string());
			case INTEGER -> new JsonScalar(JsonScalar.Type.NUMBER, cursor.integer().toString());
			case DECIMAL -> new JsonScalar(JsonScalar.Type.NUMBER, Double.toString(cursor.decimal()));
			case TRUE -> new JsonScalar(JsonScalar.Type.BOOLEAN, "true");
			case FALSE -> new JsonScalar(JsonScalar.Type.BOOLEAN, "false");
			case NULL -> new JsonScalar(JsonScalar.Type.NULL, "");
			default -> null;
		};
	}

	@Override
	public String toString() {
		return "JsonCodec on " + this.streams;
	}

}
