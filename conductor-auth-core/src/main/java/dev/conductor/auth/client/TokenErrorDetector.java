package dev.conductor.auth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.conductor.auth.json.JsonCodec;
import dev.conductor.auth.json.MalformedJsonException;

/**
 * Tells a token error from any other 401 or 403: the Conductor server answers a token it
 * no longer accepts with a JSON body whose top-level {@code error} is one of the refresh
 * errors ({@code EXPIRED_TOKEN}, {@code INVALID_TOKEN} by default). A permission 403 has
 * no such field and is not a token error; neither is an empty body, a body that is not
 * JSON, or another {@code error}. The content type is not trusted: some servers send JSON
 * as {@code text/plain}. A gzip-encoded body is decoded first.
 *
 * <p>
 * What it looks at is bounded: at most {@link #MAX_BODY_BYTES} of the body, decoded
 * included (a body that inflates beyond that is not a token error: the server's are a
 * hundred bytes), read as a stream of JSON tokens rather than a tree, so that neither a
 * gzip bomb nor deep nesting costs more than the bound. Should the JVM still fail while
 * deciding (a {@link StackOverflowError} or an {@link OutOfMemoryError}), the answer is
 * not a token error and reaches the caller.
 */
public final class TokenErrorDetector {

	/**
	 * The most bytes of a response body looked at to decide, before and after decoding.
	 */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	private static final Set<String> ERROR = Set.of("error");

	private final Set<String> refreshErrors;

	private final JsonCodec json = JsonCodec.get();

	/**
	 * Create a detector for the given {@code error} values.
	 * @param refreshErrors the values that mean "get a new token"
	 */
	public TokenErrorDetector(Collection<String> refreshErrors) {
		Assert.notEmpty(refreshErrors, "Refresh errors must not be empty");
		this.refreshErrors = Set.copyOf(refreshErrors);
	}

	/**
	 * Return the token error of a response, if it is one.
	 * @param status the HTTP status
	 * @param body the first bytes of the body, at most {@link #MAX_BODY_BYTES}
	 * @param length how many bytes of {@code body} hold data
	 * @param contentEncoding the response's {@code Content-Encoding}, if any
	 * @return the {@code error} value, or {@code null} when it is not a token error
	 */
	public @Nullable String tokenError(int status, byte[] body, int length, @Nullable String contentEncoding) {
		if ((status != 401 && status != 403) || length == 0) {
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
	 * read no body of any other response.
	 * @param status the HTTP status
	 * @return whether it is 401 or 403
	 */
	public boolean isCandidate(int status) {
		return status == 401 || status == 403;
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
		return (error != null && this.refreshErrors.contains(error)) ? error : null;
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
		return "TokenErrorDetector" + this.refreshErrors;
	}

}
