package dev.conductor.auth.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.jspecify.annotations.Nullable;

/**
 * The streams of Jackson 2 ({@code com.fasterxml.jackson.core:jackson-core}, 2.15 or
 * later for its read constraints), whose exceptions are checked {@link IOException}s.
 */
final class Jackson2Streams implements JacksonStreams {

	private final JsonFactory factory;

	Jackson2Streams(int maxNestingDepth) {
		this.factory = new JsonFactoryBuilder()
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
			for (Map.Entry<String, String> field : fields.entrySet()) {
				generator.writeStringField(field.getKey(), field.getValue());
			}
			generator.writeEndObject();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not write JSON", ex);
		}
		return out.toByteArray();
	}

	private static <T> T read(Step<T> step) {
		try {
			return step.get();
		}
		catch (IOException ex) {
			throw new MalformedJsonException("Malformed JSON");
		}
	}

	@Override
	public String toString() {
		return "Jackson 2";
	}

	@FunctionalInterface
	private interface Step<T> {

		T get() throws IOException;

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
				case FIELD_NAME -> JsonTokenKind.NAME;
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
			return read(this.parser::getText);
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
