package dev.conductor.auth.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

import dev.conductor.auth.autoconfigure.ConductorAuthProperties.Rejection;
import dev.conductor.auth.client.TokenErrorDetector;
import dev.conductor.auth.oauth2.OAuth2ClientCredentialsTokenSource;
import dev.conductor.auth.token.ConductorTokenSource;

/**
 * The header and the rejection rule that follow the token source: Conductor's own
 * ({@code X-Authorization}, no prefix, the JSON {@code error} of a 401 or 403) for an
 * application key and for a source of the application's, RFC 6750's
 * ({@code Authorization}, {@code Bearer }, the {@code error} of a 401's
 * {@code WWW-Authenticate} challenge) for the OAuth2 source. Each is overridden by its
 * property; the refresh errors follow the rejection rule.
 *
 * @param headerName the header that carries the token
 * @param headerPrefix what the header carries before the token
 * @param rejection how the server says that it no longer accepts a token
 * @param refreshErrors the error codes that mean "get a new token"
 */
record TokenSourceConventions(String headerName, String headerPrefix, Rejection rejection, List<String> refreshErrors) {

	private static final boolean OAUTH2_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager",
			TokenSourceConventions.class.getClassLoader());

	static TokenSourceConventions of(ConductorAuthProperties properties, @Nullable ConductorTokenSource source) {
		boolean bearer = OAUTH2_PRESENT && source instanceof OAuth2ClientCredentialsTokenSource;
		Rejection rejection = (properties.getRejection() != null) ? properties.getRejection()
				: (bearer ? Rejection.BEARER_ERROR : Rejection.CONDUCTOR_ERROR);
		List<String> refreshErrors = (properties.getRefreshErrors() != null)
				? List.copyOf(properties.getRefreshErrors()) : defaultRefreshErrors(rejection);
		return new TokenSourceConventions(
				(properties.getHeaderName() != null) ? properties.getHeaderName()
						: (bearer ? "Authorization" : "X-Authorization"),
				(properties.getHeaderPrefix() != null) ? schemeWithSpace(properties.getHeaderPrefix())
						: (bearer ? "Bearer " : ""),
				rejection, refreshErrors);
	}

	/**
	 * An authentication scheme is followed by a space (RFC 9110 credentials): YAML drops
	 * the trailing space of an unquoted {@code Bearer }, and {@code Bearerabc} is no
	 * credential.
	 */
	private static String schemeWithSpace(String prefix) {
		return (prefix.isEmpty() || prefix.endsWith(" ")
				|| !Character.isLetterOrDigit(prefix.charAt(prefix.length() - 1))) ? prefix : prefix + " ";
	}

	static List<String> defaultRefreshErrors(Rejection rejection) {
		return (rejection == Rejection.BEARER_ERROR) ? List.of("invalid_token")
				: List.of("EXPIRED_TOKEN", "INVALID_TOKEN");
	}

	TokenErrorDetector detector() {
		return (this.rejection == Rejection.BEARER_ERROR) ? TokenErrorDetector.bearerErrors(this.refreshErrors)
				: TokenErrorDetector.conductorErrors(this.refreshErrors);
	}

}
