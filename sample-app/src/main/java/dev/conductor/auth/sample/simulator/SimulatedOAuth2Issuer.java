package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

import static dev.conductor.auth.sample.simulator.SimulatorExchanges.readForm;
import static dev.conductor.auth.sample.simulator.SimulatorExchanges.send;

/**
 * The token endpoint of the simulator's OAuth2 authorization server, at a Keycloak-like
 * {@value #TOKEN_PATH}: the client credentials grant of RFC 6749 (section 4.4), the
 * client authenticated by HTTP Basic or by {@code client_id} and {@code client_secret} in
 * the form, access tokens from {@link SimulatedTokens}, and the RFC's error answers
 * ({@code invalid_client} 401, {@code unsupported_grant_type} and {@code invalid_request}
 * 400), unless the controls took it down ({@link SimulatedFaults}).
 */
final class SimulatedOAuth2Issuer {

	/**
	 * The path of the token endpoint.
	 */
	static final String TOKEN_PATH = "/realms/conductor/protocol/openid-connect/token";

	private static final String FORM = "application/x-www-form-urlencoded";

	private final String clientId;

	private final String clientSecret;

	private final SimulatedTokens tokens;

	private final SimulatedFaults faults;

	SimulatedOAuth2Issuer(String clientId, String clientSecret, SimulatedTokens tokens, SimulatedFaults faults) {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.tokens = tokens;
		this.faults = faults;
	}

	void token(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!exchange.getRequestMethod().equals("POST")) {
				exchange.getResponseHeaders().set("Allow", "POST");
				error(exchange, 405, "invalid_request", "The token endpoint takes POST only");
				return;
			}
			if (this.faults.delayThenDown()) {
				error(exchange, 503, "temporarily_unavailable", "The issuer is down (simulated outage)");
				return;
			}
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			Map<String, String> form = (contentType != null && contentType.startsWith(FORM))
					? readForm(exchange.getRequestBody()) : null;
			if (form == null) {
				error(exchange, 400, "invalid_request", "Expected a form without repeated parameters");
				return;
			}
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization != null && form.containsKey("client_secret")) {
				error(exchange, 400, "invalid_request", "More than one client authentication method");
				return;
			}
			String[] client = (authorization != null) ? basic(authorization)
					: new String[] { form.get("client_id"), form.get("client_secret") };
			if (client == null || !matches(client[0], this.clientId) || !matches(client[1], this.clientSecret)) {
				if (authorization != null) {
					exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"conductor\"");
				}
				error(exchange, 401, "invalid_client", "Client authentication failed");
				return;
			}
			String grantType = form.get("grant_type");
			if (grantType == null) {
				error(exchange, 400, "invalid_request", "Missing grant_type");
				return;
			}
			if (!grantType.equals("client_credentials")) {
				error(exchange, 400, "unsupported_grant_type", "This issuer grants client_credentials only");
				return;
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("access_token", this.tokens.issue(this.clientId));
			body.put("token_type", "Bearer");
			body.put("expires_in", this.tokens.lifetime().toSeconds());
			noStore(exchange);
			send(exchange, 200, body);
		}
	}

	/**
	 * The client id and secret of an HTTP Basic {@code Authorization}, each
	 * form-urlencoded before the pair was encoded (RFC 6749, section 2.3.1), or
	 * {@code null} when it is not one.
	 */
	private static String @Nullable [] basic(String authorization) {
		if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = pair.indexOf(':');
			if (colon < 0) {
				return null;
			}
			return new String[] { URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8) };
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean matches(@Nullable String given, String expected) {
		return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
				expected.getBytes(StandardCharsets.UTF_8));
	}

	private static void error(HttpExchange exchange, int status, String error, String description) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		noStore(exchange);
		send(exchange, status, body);
	}

	private static void noStore(HttpExchange exchange) {
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.getResponseHeaders().set("Pragma", "no-cache");
	}

}
