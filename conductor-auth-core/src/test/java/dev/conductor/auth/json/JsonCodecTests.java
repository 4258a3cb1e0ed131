package dev.conductor.auth.json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What conductor-auth reads and writes as JSON, the same on both Jackson lines: each test
 * runs once on Jackson 3 and once on Jackson 2.
 */
class JsonCodecTests {

	private static final Set<String> TOKEN = Set.of("token");

	private static final Set<String> ERROR_AND_MESSAGE = Set.of("error", "message");

	static Stream<JsonCodec> lines() {
		return Stream.of(new JsonCodec(new Jackson3Streams(JsonCodec.MAX_NESTING_DEPTH)),
				new JsonCodec(new Jackson2Streams(JsonCodec.MAX_NESTING_DEPTH)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void readsTheTopLevelScalarsItIsAskedFor(JsonCodec json) {
		ScalarFields fields = read(json, "{\"message\":\"Token cannot be null or empty\",\"error\":\"INVALID_TOKEN\","
				+ "\"timestamp\":1672808447076}", ERROR_AND_MESSAGE);
		assertThat(fields.string("error")).isEqualTo("INVALID_TOKEN");
		assertThat(fields.string("message")).isEqualTo("Token cannot be null or empty");
		assertThat(fields.get("timestamp")).as("a field not asked for").isNull();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void unescapesStrings(JsonCodec json) {
		ScalarFields fields = read(json, "{\"message\":\"a\\\"b\\\\c\\u00e9\\n\\/\\ud83d\\ude00\"}", ERROR_AND_MESSAGE);
		assertThat(fields.string("message")).isEqualTo("a\"b\\c\u00e9\n/\ud83d\ude00");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void readsNumbersAsTheirValue(JsonCodec json) {
		assertThat(number(json, "-0")).isEqualTo("0");
		assertThat(number(json, "1672808447076")).isEqualTo("1672808447076");
		assertThat(number(json, "12345678901234567890123")).isEqualTo("12345678901234567890123");
		assertThat(number(json, "1.50")).isEqualTo("1.5");
		assertThat(number(json, "1E2")).isEqualTo("100.0");
		assertThat(number(json, "-0.0")).isEqualTo("-0.0");
		assertThat(number(json, "1.0e-7")).isEqualTo("1.0E-7");
		assertThat(number(json, "1e400")).isEqualTo("Infinity");
		JsonScalar exp = read(json, "{\"exp\":1767229200.7}", Set.of("exp")).get("exp");
		assertThat(exp).isNotNull();
		assertThat(exp.isNumber()).isTrue();
		assertThat(exp.doubleValue()).isEqualTo(1767229200.7);
		assertThat(read(json, "{\"exp\":12345678901234567890123}", Set.of("exp")).get("exp").doubleValue())
			.isEqualTo(1.2345678901234568E22);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void readsBooleansAndNullAsScalarsThatAreNeitherStringsNorNumbers(JsonCodec json) {
		ScalarFields fields = read(json, "{\"error\":true,\"message\":null}", ERROR_AND_MESSAGE);
		assertThat(fields.get("error")).satisfies((error) -> {
			assertThat(error.type()).isEqualTo(JsonScalar.Type.BOOLEAN);
			assertThat(error.text()).isEqualTo("true");
		});
		assertThat(fields.get("message")).satisfies((message) -> {
			assertThat(message.type()).isEqualTo(JsonScalar.Type.NULL);
			assertThat(message.text()).isEmpty();
		});
		assertThat(fields.string("error")).isNull();
		assertThat(fields.string("message")).isNull();
		assertThat(fields.get("error").isNumber()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void nestedValuesAreNotTopLevelScalars(JsonCodec json) {
		assertThat(read(json, "{\"error\":{\"code\":\"EXPIRED_TOKEN\"}}", ERROR_AND_MESSAGE).get("error")).isNull();
		assertThat(read(json, "{\"error\":[\"EXPIRED_TOKEN\"]}", ERROR_AND_MESSAGE).get("error")).isNull();
		assertThat(read(json, "{\"nested\":{\"error\":\"EXPIRED_TOKEN\"}}", ERROR_AND_MESSAGE).get("error")).isNull();
		assertThat(read(json, "{\"a\":[{\"error\":\"x\"}],\"error\":\"EXPIRED_TOKEN\",\"b\":{\"c\":[1,{}]}}",
				ERROR_AND_MESSAGE)
			.string("error")).isEqualTo("EXPIRED_TOKEN");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void theLastOfDuplicateFieldsWins(JsonCodec json) {
		assertThat(read(json, "{\"token\":\"a\",\"token\":\"b\"}", TOKEN).string("token")).isEqualTo("b");
		assertThat(read(json, "{\"token\":\"a\",\"token\":{\"x\":1}}", TOKEN).get("token")).isNull();
		assertThat(read(json, "{\"token\":{\"x\":1},\"token\":\"c\"}", TOKEN).string("token")).isEqualTo("c");
		assertThat(read(json, "{\"token\":\"a\",\"token\":7}", TOKEN).string("token")).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void aJsonValueOtherThanAnObjectHasNoFields(JsonCodec json) {
		for (String value : new String[] { "\"token\"", "42", "null", "true", "[\"token\"]", "[{\"token\":\"a\"}]",
				"  ", "" }) {
			assertThat(read(json, value, TOKEN).get("token")).as(value).isNull();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void anythingButOneWellFormedJsonValueIsMalformed(JsonCodec json) {
		for (String malformed : new String[] { "<html>EXPIRED_TOKEN</html>", "{\"error\":\"EXPIRED_TOKEN\"",
				"{\"token\":\"x\"} junk", "{\"token\":\"x\"}{\"a\":1}", "{\"token\":\"x\"} [", "\"a\" \"b\"",
				"[\"token\"", "{'token':'x'}", "{token:\"x\"}", "{\"token\":\"x\",}", "/*c*/{\"token\":\"x\"}",
				"{\"a\":NaN}", "{\"a\":01}", "{\"token\":\"x\u0001\"}", "{\"a\":[}" }) {
			assertThatExceptionOfType(MalformedJsonException.class).as(malformed)
				.isThrownBy(() -> read(json, malformed, TOKEN));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void invalidUtf8IsMalformed(JsonCodec json) {
		byte[] start = "{\"token\":\"a".getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[start.length + 4];
		System.arraycopy(start, 0, body, 0, start.length);
		body[start.length] = (byte) 0xC3;
		body[start.length + 1] = '(';
		body[start.length + 2] = '"';
		body[start.length + 3] = '}';
		assertThatExceptionOfType(MalformedJsonException.class)
			.isThrownBy(() -> json.readScalarFields(body, 0, body.length, TOKEN));
		assertThatExceptionOfType(MalformedJsonException.class).as("in a value that is skipped")
			.isThrownBy(() -> json.readScalarFields(body, 0, body.length, Set.of("other")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void nestingIsBoundedTheSameOnBothLines(JsonCodec json) {
		int depth = JsonCodec.MAX_NESTING_DEPTH;
		// the object counts as one level
		String deepest = "{\"error\":\"EXPIRED_TOKEN\",\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
		assertThat(read(json, deepest, ERROR_AND_MESSAGE).string("error")).isEqualTo("EXPIRED_TOKEN");
		String tooDeep = "{\"error\":\"EXPIRED_TOKEN\",\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
		assertThatExceptionOfType(MalformedJsonException.class)
			.isThrownBy(() -> read(json, tooDeep, ERROR_AND_MESSAGE));
		String hostile = "{\"error\":\"EXPIRED_TOKEN\",\"a\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
		assertThatExceptionOfType(MalformedJsonException.class)
			.isThrownBy(() -> read(json, hostile, ERROR_AND_MESSAGE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void readsALongDocumentWholly(JsonCodec json) {
		String padded = "{\"error\":\"EXPIRED_TOKEN\",\"pad\":\"" + " ".repeat(64 * 1024 - 100) + "\"}";
		assertThat(read(json, padded, ERROR_AND_MESSAGE).string("error")).isEqualTo("EXPIRED_TOKEN");
		assertThatExceptionOfType(MalformedJsonException.class).as("malformed after the field asked for")
			.isThrownBy(() -> read(json, padded.substring(0, padded.length() - 1), ERROR_AND_MESSAGE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void readsOnlyTheGivenRange(JsonCodec json) {
		byte[] bytes = "xx{\"token\":\"abc\"}yy".getBytes(StandardCharsets.UTF_8);
		assertThat(json.readScalarFields(bytes, 2, bytes.length - 4, TOKEN).string("token")).isEqualTo("abc");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void acceptsAByteOrderMark(JsonCodec json) {
		assertThat(read(json, "\ufeff{\"token\":\"abc\"}", TOKEN).string("token")).isEqualTo("abc");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void describesFieldsWithoutTheirValues(JsonCodec json) {
		ScalarFields fields = read(json, "{\"token\":\"secret-token-value\"}", TOKEN);
		assertThat(fields.toString()).contains("token").doesNotContain("secret-token-value");
		assertThat(fields.get("token").toString()).doesNotContain("secret-token-value");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void writesStringFieldsInTheirOrder(JsonCodec json) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("keyId", "id");
		fields.put("keySecret", "secret");
		assertThat(new String(json.writeStringFields(fields), StandardCharsets.UTF_8))
			.isEqualTo("{\"keyId\":\"id\",\"keySecret\":\"secret\"}");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void escapesWhatJsonRequires(JsonCodec json) {
		assertThat(
				new String(json.writeStringFields(Map.of("keyId", "id\"with\\quotes\u0001\n")), StandardCharsets.UTF_8))
			.isEqualTo("{\"keyId\":\"id\\\"with\\\\quotes\\u0001\\n\"}");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void whatOneLineWritesEitherLineReadsBack(JsonCodec json) {
		String value = "a/b\"c\\d\u0001\n\u2028\u00e9\ud83d\ude00\ud800x";
		byte[] written = json.writeStringFields(Map.of("keySecret", value));
		lines().forEach((reader) -> assertThat(
				reader.readScalarFields(written, 0, written.length, Set.of("keySecret")).string("keySecret"))
			.as(reader.toString())
			.isEqualTo(value));
	}

	@Test
	void onBothLinesTheSameDocumentsAreMalformed() {
		// a guard against a default that differs between the lines
		String[] documents = { "{\"a\":1}", "{\"a\":\"\t\"}", "{\"a\":-}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1.}",
				"{\"a\":0x1}", "{\"a\":Infinity}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"\":1}",
				"{\"a\":1}\u0000" };
		for (String document : documents) {
			assertThat(lines().map((json) -> isMalformed(json, document)).distinct()).as(document).hasSize(1);
		}
	}

	private static boolean isMalformed(JsonCodec json, String document) {
		try {
			read(json, document, Set.of("a"));
			return false;
		}
		catch (MalformedJsonException ex) {
			return true;
		}
	}

	private static String number(JsonCodec json, String number) {
		JsonScalar value = read(json, "{\"message\":" + number + "}", ERROR_AND_MESSAGE).get("message");
		assertThat(value).isNotNull();
		assertThat(value.isNumber()).isTrue();
		return value.text();
	}

	private static ScalarFields read(JsonCodec json, String document, Set<String> names) {
		byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
		return json.readScalarFields(bytes, 0, bytes.length, names);
	}

}
