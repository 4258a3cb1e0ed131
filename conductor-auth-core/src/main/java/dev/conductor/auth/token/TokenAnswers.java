package dev.conductor.auth.token;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;

import dev.conductor.auth.http.LogSafeText;
import dev.conductor.auth.http.RetryAfter;
import dev.conductor.auth.json.JsonCodec;
import dev.conductor.auth.json.JsonScalar;
import dev.conductor.auth.json.MalformedJsonException;
import dev.conductor.auth.json.ScalarFields;

/**
 * Reads the token endpoint's answers: a token with the server's {@code Date}, a 404 (no
 * security), or a failed attempt whose message says what came back. Reads at most
 * {@value #MAX_ANSWER_BYTES} bytes; quotes nothing of an answer but its status, its
 * content type and its JSON {@code error} and {@code message}, with the key secret masked
 * and every character that could forge a log line replaced.
 */
final class TokenAnswers {

	static final int MAX_ANSWER_BYTES = 64 * 1024;

	private static final Set<String> TOKEN = Set.of("token");

	/**
	 * The fields of an error answer quoted in a failed attempt's message, in this order.
	 */
	private static final List<String> ERROR_DETAILS = List.of("error", "message");

	private final String description;

	private final LogSafeText safeText;

	private final Clock clock;

	private final JsonCodec json = JsonCodec.get();

	TokenAnswers(String description, String keySecret, Clock clock) {
		this.description = description;
		this.safeText = new LogSafeText(List.of(keySecret));
		this.clock = clock;
	}

	@Nullable ConductorToken read(ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		if (status == HttpStatus.NOT_FOUND.value()) {
			return null;
		}
		byte[] body;
		try (InputStream in = response.getBody()) {
			body = in.readNBytes(MAX_ANSWER_BYTES + 1);
		}
		MediaType contentType = contentType(response.getHeaders());
		if (body.length > MAX_ANSWER_BYTES) {
			throw failure("answered " + status + " with a body larger than " + MAX_ANSWER_BYTES + " bytes", null);
		}
		if (!response.getStatusCode().is2xxSuccessful()) {
			Duration retryAfter = RetryAfter.parse(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), this.clock);
			throw new TokenMintException(
					"Token endpoint " + this.description + " answered " + describeStatus(status)
							+ errorDetails(body, contentType)
							+ ((retryAfter != null) ? " and asked to retry after " + retryAfter : ""),
					null, retryAfter);
		}
		ScalarFields json = parse(body, TOKEN);
		if (json == null) {
			throw failure("answered " + status + " with a body that is not JSON (" + describe(body, contentType) + ")",
					null);
		}
		String value = json.string("token");
		if (value == null) {
			throw failure("answered " + status + " without a \"token\" string (" + describe(body, contentType) + ")",
					null);
		}
		if (value.isBlank()) {
			throw failure("answered " + status + " with an empty \"token\"", null);
		}
		if (!value.chars().allMatch((ch) -> ch > 0x20 && ch < 0x7f)) {
			throw failure("answered " + status + " with a \"token\" that holds characters an HTTP header cannot carry",
					null);
		}
		return new ConductorToken(value, null, serverDate(response.getHeaders()));
	}

	/**
	 * The answer's content type, {@code null} when it has none or one that does not
	 * parse: a malformed header is one more thing a bad answer can hold.
	 */
	private static @Nullable MediaType contentType(HttpHeaders headers) {
		try {
			return headers.getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	/**
	 * The server's clock at the moment it answered, from the {@code Date} header.
	 */
	private @Nullable Instant serverDate(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.DATE);
		if (value == null) {
			return null;
		}
		try {
			return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * The body's top-level scalar fields of those named, {@code null} when it is empty or
	 * not JSON.
	 */
	private @Nullable ScalarFields parse(byte[] body, Set<String> names) {
		try {
			return (body.length > 0) ? this.json.readScalarFields(body, 0, body.length, names) : null;
		}
		catch (MalformedJsonException ex) {
			return null;
		}
	}

	/**
	 * Describe an error answer by its JSON {@code error} and {@code message} fields,
	 * which say why the server refused; never by raw body text, which could hold
	 * anything.
	 */
	private String errorDetails(byte[] body, @Nullable MediaType contentType) {
		ScalarFields json = parse(body, Set.copyOf(ERROR_DETAILS));
		StringBuilder details = new StringBuilder();
		if (json != null) {
			for (String field : ERROR_DETAILS) {
				JsonScalar value = json.get(field);
				if (value != null) {
					details.append(details.isEmpty() ? ": " : ", ")
						.append(field)
						.append('=')
						.append(mask(value.text()));
				}
			}
		}
		return details.isEmpty() ? " (" + describe(body, contentType) + ")" : details.toString();
	}

	/**
	 * Describe an I/O failure by its chain of causes: the JDK's often have no message,
	 * and the class names then say what happened.
	 */
	String describe(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null
				&& text.length() < LogSafeText.MAX_LENGTH; cause = cause.getCause()) {
			text.append(text.isEmpty() ? "" : " / ").append(cause.getClass().getSimpleName());
			String message = mask(cause.getMessage());
			if (!message.isBlank()) {
				text.append(": ").append(message);
			}
		}
		return text.toString();
	}

	private String describe(byte[] body, @Nullable MediaType contentType) {
		return (contentType != null ? mask(contentType.toString()) : "no content type") + ", " + body.length + " bytes";
	}

	private String describeStatus(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? status + " " + known.getReasonPhrase() : String.valueOf(status);
	}

	private String mask(@Nullable String text) {
		return this.safeText.of(text);
	}

	private TokenMintException failure(String what, @Nullable Throwable cause) {
		return new TokenMintException("Token endpoint " + this.description + " " + what, cause);
	}

}
