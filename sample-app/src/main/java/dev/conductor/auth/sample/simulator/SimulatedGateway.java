package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

import dev.conductor.auth.sample.simulator.SimulatedTokens.Verdict;

import static dev.conductor.auth.sample.simulator.SimulatorExchanges.send;

/**
 * The simulator's API behind an OAuth2 gateway, a resource server as RFC 6750 has it: it
 * takes {@code Authorization: Bearer <access token>} from the simulated issuer, answers a
 * request without one with a 401 and a bare {@code Bearer} challenge, a token it does not
 * accept (unknown, expired, revoked) with a 401 whose challenge says
 * {@code error="invalid_token"}, a poll of
 * {@value ConductorSimulator#FORBIDDEN_TASK_TYPE} with a 403
 * {@code error="insufficient_scope"}, and hands every other request to the API.
 */
final class SimulatedGateway {

	private static final String CHALLENGE = "Bearer realm=\"conductor\"";

	private final SimulatedTokens tokens;

	private final SimulatedTasks tasks;

	SimulatedGateway(SimulatedTokens tokens, SimulatedTasks tasks) {
		this.tokens = tokens;
		this.tasks = tasks;
	}

	void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath().substring("/api".length());
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				// no credentials: no error code (RFC 6750, section 3.1)
				challenge(exchange, 401, CHALLENGE);
				return;
			}
			Verdict verdict = this.tokens.verify(authorization.substring(7).trim());
			if (verdict != Verdict.VALID) {
				challenge(exchange, 401,
						CHALLENGE + ", error=\"invalid_token\", error_description=\"" + description(verdict) + "\"");
			}
			else if (method.equals("GET") && path.equals("/tasks/poll/" + ConductorSimulator.FORBIDDEN_TASK_TYPE)) {
				String description = "The access token's scope does not allow polling tasks of type "
						+ ConductorSimulator.FORBIDDEN_TASK_TYPE;
				exchange.getResponseHeaders()
					.set("WWW-Authenticate",
							CHALLENGE + ", error=\"insufficient_scope\", error_description=\"" + description + "\"");
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("error", "insufficient_scope");
				body.put("error_description", description);
				send(exchange, 403, body);
			}
			else {
				this.tasks.handle(exchange, method, path);
			}
		}
	}

	private static String description(Verdict verdict) {
		return switch (verdict) {
			case EXPIRED -> "The access token expired";
			case REVOKED -> "The access token has been revoked";
			default -> "The access token is not valid";
		};
	}

	/**
	 * A challenge without a body: the gateway says everything in its header.
	 */
	private static void challenge(HttpExchange exchange, int status, String challenge) throws IOException {
		exchange.getResponseHeaders().set("WWW-Authenticate", challenge);
		exchange.sendResponseHeaders(status, -1);
	}

}
