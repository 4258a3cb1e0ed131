package dev.conductor.auth.json;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The top-level scalar fields of a JSON object that a reader asked for, read by
 * {@link JsonCodec#readScalarFields}. Describes itself by names and types only: the
 * values may be a token.
 */
public final class ScalarFields {

	static final ScalarFields NONE = new ScalarFields(Map.of());

	private final Map<String, JsonScalar> fields;

	ScalarFields(Map<String, JsonScalar> fields) {
		this.fields = Map.copyOf(fields);
	}

	/**
	 * Return a field's value.
	 * @param name the field's name
	 * @return its value, or {@code null} when the object has no such field, or one whose
	 * value is an object or an array
	 */
	public @Nullable JsonScalar get(String name) {
		return this.fields.get(name);
	}

	/**
	 * Return a field's value when it is a string.
	 * @param name the field's name
	 * @return the string, or {@code null} when the field is missing or holds no string
	 */
	public @Nullable String string(String name) {
		JsonScalar value = get(name);
		return (value != null && value.isString()) ? value.text() : null;
	}

	@Override
	public String toString() {
		Map<String, JsonScalar.Type> types = new TreeMap<>();
		this.fields.forEach((name, value) -> types.put(name, value.type()));
		return "ScalarFields" + types;
	}

}
