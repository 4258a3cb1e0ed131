package dev.conductor.auth.json;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * The streams of Jackson 3 ({@code tools.jackson.core:jackson-core}), whose exceptions
 * are unchecked.
 */
final class Jackson3Streams implements JacksonStreams {

	private final JsonFactory factory;

	Jackson3Streams(int maxNestingDepth) {
		this.factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
			.build();
	}

	@Override
	public JsonTokenCursor open(byte[] json, int offset, int length) {
		return new Cursor(read(() -> this.factory.createParser(json, offset, length)));
	}

	@Override
	public byte[] writeStringFields(Map<String, String> fields) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (JsonGenerator generator = this.factory.createGenerator(out)) {
			generator.writeStartObject();
			fields.forEach(generator::writeStringProperty);
			generator.writeEndObject();
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Could not write JSON", ex);
		}
		return out.toByteArray();
	}

	private static <T> T read(Supplier<T> step) {
		try {
			return step.get();
		}
		catch (JacksonException ex) {
			throw new MalformedJsonException("Malformed JSON");
		}
	}

	@Override
	public String toString() {
		return "Jackson 3";
	}

	private record Cursor(JsonParser parser) implements JsonTokenCursor {

		@Override
		public @Nullable JsonTokenKind next() {
			JsonToken token = read(this.parser::nextToken);
			if (token == null) {
				return null;
			}
			return switch (token) {
				case START_OBJECT -> JsonTokenKind.START_OBJECT;
				case END_OBJECT -> JsonTokenKind.END_OBJECT;
				case START_ARRAY -> JsonTokenKind.START_ARRAY;
				case END_ARRAY -> JsonTokenKind.END_ARRAY;
				case PROPERTY_NAME -> JsonTokenKind.NAME;
				case VALUE_STRING -> JsonTokenKind.STRING;
				case VALUE_NUMBER_INT -> JsonTokenKind.INTEGER;
				case VALUE_NUMBER_FLOAT -> JsonTokenKind.DECIMAL;
				case VALUE_TRUE -> JsonTokenKind.TRUE;
				case VALUE_FALSE -> JsonTokenKind.FALSE;
				case VALUE_NULL -> JsonTokenKind.NULL;
				// no JSON text holds an embedded object, and bytes are never incomplete
				default -> throw new MalformedJsonException("Unexpected " + token);
			};
		}

		@Override
		public String name() {
			return read(this.parser::currentName);
		}

		@Override
		public String string() {
			return read(this.parser::getString);
		}

		@Override
		public Number integer() {
			return read(this.parser::getNumberValue);
		}

		@Override
		public double decimal() {
			return read(this.parser::getDoubleValue);
		}

		@Override
		public void skipChildren() {
			read(this.parser::skipChildren);
		}

		@Override
		public void close() {
			read(() -> {
				this.parser.close();
				return null;
			});
		}

	}

}
