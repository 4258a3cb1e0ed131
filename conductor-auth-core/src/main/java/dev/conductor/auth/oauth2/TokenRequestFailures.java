package dev.conductor.auth.oauth2;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.UnknownContentTypeException;

import dev.conductor.auth.http.LogSafeText;
import dev.conductor.auth.http.RetryAfter;
import dev.conductor.auth.json.JsonCodec;
import dev.conductor.auth.json.JsonScalar;
import dev.conductor.auth.json.ScalarFields;
import dev.conductor.auth.oauth2.TokenEndpointClient.RedirectNotFollowedException;
import dev.conductor.auth.token.TokenMintException;

/**
 * Turns whatever a client credentials token request threw into a
 * {@link TokenMintException} that says what came back: the status, the OAuth2
 * {@code error} and {@code error_description}, the {@code Retry-After}, or the timeout.
 * Quotes nothing an issuer sent but those, with the client secret masked and every
 * character that could forge a log line replaced; keeps as a cause only the JDK's I/O
 * exception, since the messages of Spring's may hold a URI or a part of an answer.
 */
final class TokenRequestFailures {

	private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private static final List<String> ERROR_DETAILS = List.of("error", "error_description");

	private static final int MAX_ERROR_BYTES = 64 * 1024;

	private static final int MAX_CAUSES = 16;

	private final String description;

	private final LogSafeText safeText;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final Clock clock;

	TokenRequestFailures(String description, List<String> secrets, Duration connectTimeout, Duration readTimeout,
			Clock clock) {
		this.description = description;
		this.safeText = new LogSafeText(secrets);
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.clock = clock;
	}

	TokenMintException describe(RuntimeException failure) {
		List<Throwable> causes = causes(failure);
		RedirectNotFollowedException redirect = find(causes, RedirectNotFollowedException.class);
		if (redirect != null) {
			return failure("answered " + status(redirect.getStatus()) + ", a redirect, which it does not follow", null);
		}
		RestClientResponseException response = find(causes, RestClientResponseException.class);
		if (response != null) {
			return answered(response);
		}
		UnknownContentTypeException unknownContent = find(causes, UnknownContentTypeException.class);
		if (unknownContent != null) {
			return failure("answered " + status(unknownContent.getStatusCode()) + " with content type "
					+ mask(String.valueOf(unknownContent.getContentType())) + ", which is no access token response",
					null);
		}
		if (find(causes, HttpMessageNotReadableException.class) != null) {
			return failure(
					"answered an access token response that cannot be read: " + detail(causes.get(causes.size() - 1)),
					null);
		}
		HttpConnectTimeoutException connectTimeout = find(causes, HttpConnectTimeoutException.class);
		if (connectTimeout != null) {
			return failure("failed: no connection within " + this.connectTimeout, connectTimeout);
		}
		HttpTimeoutException readTimeout = find(causes, HttpTimeoutException.class);
		if (readTimeout != null) {
			return failure("failed: no complete answer within " + this.readTimeout, readTimeout);
		}
		IOException io = find(causes, IOException.class);
		if (io != null) {
			return failure("failed: " + detail(io), io);
		}
		OAuth2AuthorizationException oauth2 = find(causes, OAuth2AuthorizationException.class);
		if (oauth2 != null) {
			return oauth2Error(oauth2.getError(), oauth2.getCause() != null);
		}
		return failure("failed: " + String.join(" / ", causes.stream().map(this::detail).toList()), null);
	}

	private TokenMintException answered(RestClientResponseException response) {
		HttpHeaders headers = response.getResponseHeaders();
		Duration retryAfter = RetryAfter.parse((headers != null) ? headers.getFirst(HttpHeaders.RETRY_AFTER) : null,
				this.clock);
		return new TokenMintException(this.description + " answered " + status(response.getStatusCode())
				+ errorDetails(response.getResponseBodyAsByteArray())
				+ ((retryAfter != null) ? " and asked to retry after " + retryAfter : ""), null, retryAfter);
	}

	/**
	 * An OAuth2 error that Spring Security read from a 400 answer, or one it made up for
	 * an answer without a token response.
	 */
	private TokenMintException oauth2Error(OAuth2Error error, boolean hasCause) {
		if (INVALID_TOKEN_RESPONSE.equals(error.getErrorCode())) {
			// its description quotes the message of the cause, which may hold the URI
			return failure("answered no access token response" + (hasCause ? "" : ": " + mask(error.getDescription())),
					null);
		}
		return failure("answered error=" + mask(error.getErrorCode())
				+ ((error.getDescription() != null) ? ", error_description=" + mask(error.getDescription()) : ""),
				null);
	}

	/**
	 * Describe an error answer by its OAuth2 {@code error} and {@code error_description},
	 * which say why the issuer refused; never by raw body text, which could hold
	 * anything.
	 */
	private String errorDetails(byte[] body) {
		StringBuilder details = new StringBuilder();
		ScalarFields json = parse(body);
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
		return details.isEmpty() ? " (" + body.length + " bytes)" : details.toString();
	}

	private static @Nullable ScalarFields parse(byte[] body) {
		if (body.length == 0 || body.length > MAX_ERROR_BYTES) {
			return null;
		}
		try {
			return JsonCodec.get().readScalarFields(body, 0, body.length, Set.copyOf(ERROR_DETAILS));
		}
		catch (RuntimeException notJson) {
			return null;
		}
	}

	/**
	 * One exception of a chain: its class, and its message only where that is Spring's or
	 * the JDK's own text (an assertion, an I/O error), never a parser's, which quotes the
	 * answer.
	 */
	private String detail(Throwable cause) {
		boolean ownText = cause.getClass() == IllegalArgumentException.class
				|| cause.getClass() == IllegalStateException.class
				|| (cause instanceof IOException && cause.getClass().getName().startsWith("java."));
		String message = ownText ? mask(cause.getMessage()) : "";
		return cause.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
	}

	private static String status(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? status.value() + " " + known.getReasonPhrase() : String.valueOf(status.value());
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null && causes.size() < MAX_CAUSES
				&& !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private static <T extends Throwable> @Nullable T find(List<Throwable> causes, Class<T> type) {
		for (Throwable cause : causes) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private String mask(@Nullable String text) {
		return this.safeText.of(text);
	}

	private TokenMintException failure(String what, @Nullable Throwable cause) {
		return new TokenMintException(this.description + " " + what, cause);
	}

}
