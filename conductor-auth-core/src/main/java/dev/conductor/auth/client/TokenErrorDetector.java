package dev.conductor.auth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.conductor.auth.json.JsonCodec;
import dev.conductor.auth.json.MalformedJsonException;

/**
 * Tells a token error from any other answer, by one of two rules: the one of the server
 * that issued the token.
 *
 * <p>
 * {@link #conductorErrors(Collection) Conductor's own}: the Conductor server answers a
 * token it no longer accepts with a 401 or 403 whose JSON body has a top-level
 * {@code error} that is one of the refresh errors ({@code EXPIRED_TOKEN},
 * {@code INVALID_TOKEN} by default). A permission 403 has no such field and is not a
 * token error; neither is an empty body, a body that is not JSON, or another
 * {@code error}. The content type is not trusted: some servers send JSON as
 * {@code text/plain}. A gzip-encoded body is decoded first. What it looks at is bounded:
 * at most {@link #MAX_BODY_BYTES} of the body, decoded included (a body that inflates
 * beyond that is not a token error: the server's are a hundred bytes), read as a stream
 * of JSON tokens rather than a tree, so that neither a gzip bomb nor deep nesting costs
 * more than the bound. Should the JVM still fail while deciding (a
 * {@link StackOverflowError} or an {@link OutOfMemoryError}), the answer is not a token
 * error and reaches the caller.
 *
 * <p>
 * {@link #bearerErrors(Collection) OAuth2's} (RFC 6750), for a Conductor server behind an
 * OAuth2 gateway: a 401 whose {@code WWW-Authenticate} holds a {@code Bearer} challenge
 * whose {@code error} is one of the given values ({@code invalid_token} by default).
 * {@code insufficient_scope}, a 403, a 401 without a {@code Bearer} challenge or without
 * {@code error} are not token errors. It reads no body, so adapters leave the body alone,
 * and at most {@link #MAX_CHALLENGE_CHARS} of the header lines.
 *
 * <pre class="code">
 * ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator.builder(tokenManager, baseUrl)
 *     .headerName("Authorization")
 *     .headerPrefix("Bearer ")
 *     .tokenErrorDetector(TokenErrorDetector.bearerErrors(TokenErrorDetector.DEFAULT_BEARER_ERRORS))
 *     .build();
 * </pre>
 */
public final class TokenErrorDetector {

	/**
	 * The most bytes of a response body looked at to decide, before and after decoding.
	 */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	/**
	 * The most characters of a response's {@code WWW-Authenticate} lines, all together,
	 * looked at to decide.
	 */
	public static final int MAX_CHALLENGE_CHARS = 8 * 1024;

	/**
	 * The {@code error} values of a {@code Bearer} challenge that mean "get a new token"
	 * by default.
	 */
	public static final List<String> DEFAULT_BEARER_ERRORS = List.of("invalid_token");

	private static final String CONTENT_ENCODING = "Content-Encoding";

	private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

	private static final Set<String> ERROR = Set.of("error");

	private final Set<String> errors;

	private final boolean bearer;

	private final JsonCodec json = JsonCodec.get();

	/**
	 * Create a detector of Conductor's own rule for the given {@code error} values, as
	 * {@link #conductorErrors(Collection)} does.
	 * @param refreshErrors the values that mean "get a new token"
	 */
	public TokenErrorDetector(Collection<String> refreshErrors) {
		this(refreshErrors, false);
	}

	private TokenErrorDetector(Collection<String> errors, boolean bearer) {
		Assert.notEmpty(errors, "Refresh errors must not be empty");
		this.errors = Set.copyOf(errors);
		this.bearer = bearer;
	}

	/**
	 * Create a detector of Conductor's own rule: a 401 or 403 whose JSON body has a
	 * top-level {@code error} in {@code refreshErrors}.
	 * @param refreshErrors the values that mean "get a new token", such as
	 * {@code EXPIRED_TOKEN}
	 * @return the detector
	 */
	public static TokenErrorDetector conductorErrors(Collection<String> refreshErrors) {
		return new TokenErrorDetector(refreshErrors, false);
	}

	/**
	 * Create a detector of the RFC 6750 rule: a 401 whose {@code WWW-Authenticate} holds
	 * a {@code Bearer} challenge with an {@code error} in {@code errors}. It reads no
	 * body.
	 * @param errors the values that mean "get a new token", such as {@code invalid_token}
	 * (compared case-sensitively)
	 * @return the detector
	 */
	public static TokenErrorDetector bearerErrors(Collection<String> errors) {
		return new TokenErrorDetector(errors, true);
	}

	/**
	 * Return the token error of a response, if it is one.
	 * @param status the HTTP status
	 * @param headers every value of a response header, by case-insensitive name: an empty
	 * list or {@code null} when there is none
	 * @param body the first bytes of the body, at most {@link #MAX_BODY_BYTES}; empty
	 * when {@link #readsBody()} is {@code false}
	 * @param length how many bytes of {@code body} hold data
	 * @return the matched value ({@code EXPIRED_TOKEN}, {@code invalid_token}, …), or
	 * {@code null} when it is not a token error
	 */
	public @Nullable String tokenError(int status, Function<String, @Nullable List<String>> headers, byte[] body,
			int length) {
		if (!isCandidate(status)) {
			return null;
		}
		List<String> values;
		try {
			values = headers.apply(this.bearer ? WWW_AUTHENTICATE : CONTENT_ENCODING);
			if (this.bearer) {
				return BearerChallenges.error(values, this.errors, MAX_CHALLENGE_CHARS);
			}
		}
		catch (RuntimeException ex) {
			// a client's headers that fail to give their values tell of no token error
			return null;
		}
		return tokenError(status, body, length, (values != null && !values.isEmpty()) ? values.get(0) : null);
	}

	/**
	 * Return the token error of a response by Conductor's own rule, if it is one. A
	 * detector of the {@link #bearerErrors(Collection) bearer rule} finds none here: it
	 * needs {@link #tokenError(int, Function, byte[], int) the headers}.
	 * @param status the HTTP status
	 * @param body the first bytes of the body, at most {@link #MAX_BODY_BYTES}
	 * @param length how many bytes of {@code body} hold data
	 * @param contentEncoding the response's {@code Content-Encoding}, if any
	 * @return the {@code error} value, or {@code null} when it is not a token error
	 */
	public @Nullable String tokenError(int status, byte[] body, int length, @Nullable String contentEncoding) {
		if (this.bearer || (status != 401 && status != 403) || length == 0) {
			return null;
		}
		try {
			int bodyLength = Math.min(length, MAX_BODY_BYTES);
			if (!isGzip(contentEncoding)) {
				return refreshError(body, bodyLength);
			}
			byte[] inflated = inflated(body, bodyLength);
			return (inflated != null) ? refreshError(inflated, inflated.length) : null;
		}
		catch (IOException | MalformedJsonException ex) {
			return null;
		}
		catch (StackOverflowError | OutOfMemoryError ex) {
			// hostile input must not crash the request: the caller gets the answer
			return null;
		}
	}

	/**
	 * Return whether a response with this status may be a token error, so that adapters
	 * look at no other response.
	 * @param status the HTTP status
	 * @return whether it is 401 or 403 (Conductor's rule), 401 (the bearer rule)
	 */
	public boolean isCandidate(int status) {
		return status == 401 || (status == 403 && !this.bearer);
	}

	/**
	 * Return whether this rule reads the body of a {@link #isCandidate(int) candidate}:
	 * when it does not, adapters read, peek at and buffer no body, and the response
	 * reaches the caller exactly as without them.
	 * @return whether {@link #tokenError(int, Function, byte[], int)} wants the body
	 */
	public boolean readsBody() {
		return !this.bearer;
	}

	private static boolean isGzip(@Nullable String contentEncoding) {
		return contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("gzip");
	}

	/**
	 * The inflated body, or {@code null} when it inflates to more than
	 * {@link #MAX_BODY_BYTES}.
	 */
	private static byte @Nullable [] inflated(byte[] body, int length) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body, 0, length))) {
			// one byte more than the bound tells whether there is more
			byte[] inflated = in.readNBytes(MAX_BODY_BYTES + 1);
			return (inflated.length <= MAX_BODY_BYTES) ? inflated : null;
		}
	}

	private @Nullable String refreshError(byte[] json, int length) {
		String error = topLevelError(json, length);
		return (error != null && this.errors.contains(error)) ? error : null;
	}

	/**
	 * The string value of the top-level {@code error} of a JSON object, read token by
	 * token: nested values are skipped without being built, and the whole body must be
	 * one well-formed JSON value.
	 */
	private @Nullable String topLevelError(byte[] json, int length) {
		return this.json.readScalarFields(json, 0, length, ERROR).string("error");
	}

	@Override
	public String toString() {
		return this.bearer ? "TokenErrorDetector[WWW-Authenticate Bearer error in " + this.errors + "]"
				: "TokenErrorDetector" + this.errors;
	}

}
