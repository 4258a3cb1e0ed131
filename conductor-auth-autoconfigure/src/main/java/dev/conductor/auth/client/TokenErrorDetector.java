package dev.conductor.auth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Tells a token error from any other 401 or 403: the Conductor server answers a token it
 * no longer accepts with a JSON body whose top-level {@code error} is one of the refresh
 * errors ({@code EXPIRED_TOKEN}, {@code INVALID_TOKEN} by default). A permission 403 has
 * no such field and is not a token error; neither is an empty body, a body that is not
 * JSON, or another {@code error}. The content type is not trusted: some servers send JSON
 * as {@code text/plain}. A gzip-encoded body is decoded first.
 */
public final class TokenErrorDetector {

	/**
	 * The most bytes of a response body looked at to decide.
	 */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	private final Set<String> refreshErrors;

	private final JsonMapper jsonMapper = JsonMapper.shared();

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
		try (InputStream in = decoded(new ByteArrayInputStream(body, 0, length), contentEncoding)) {
			JsonNode error = this.jsonMapper.readTree(in).get("error");
			return (error != null && error.isString() && this.refreshErrors.contains(error.stringValue()))
					? error.stringValue() : null;
		}
		catch (IOException | JacksonException ex) {
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

	private static InputStream decoded(InputStream body, @Nullable String contentEncoding) throws IOException {
		return (contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("gzip")) ? new GZIPInputStream(body)
				: body;
	}

	@Override
	public String toString() {
		return "TokenErrorDetector" + this.refreshErrors;
	}

}
