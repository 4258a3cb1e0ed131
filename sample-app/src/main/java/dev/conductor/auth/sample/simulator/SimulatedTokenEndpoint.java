package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

import dev.conductor.auth.sample.simulator.SimulatedTokens.Verdict;

import static dev.conductor.auth.sample.simulator.SimulatorExchanges.readJson;
import static dev.conductor.auth.sample.simulator.SimulatorExchanges.send;

/**
 * The simulator's {@code POST /api/token} when the Conductor server issues the tokens
 * itself, and its answers to requests whose token it does not accept: it checks the
 * application key and issues tokens, unless the controls took it down
 * ({@link SimulatedFaults}).
 */
final class SimulatedTokenEndpoint {

	private final String keyId;

	private final String keySecret;

	private final Clock clock;

	private final SimulatedTokens tokens;

	private final SimulatedFaults faults;

	SimulatedTokenEndpoint(String keyId, String keySecret, Clock clock, SimulatedTokens tokens,
			SimulatedFaults faults) {
		this.keyId = keyId;
		this.keySecret = keySecret;
		this.clock = clock;
		this.tokens = tokens;
		this.faults = faults;
	}

	void token(HttpExchange exchange) throws IOException {
		if (this.faults.delayThenDown()) {
			send(exchange, 503, Map.of("status", 503, "message", "Token service unavailable (simulated outage)"));
			return;
		}
		JsonNode body = readJson(exchange.getRequestBody());
		if (body == null || !this.keyId.equals(body.path("keyId").asString())
				|| !this.keySecret.equals(body.path("keySecret").asString())) {
			send(exchange, 401, Map.of("status", 401, "message", "Invalid application key id or secret"));
			return;
		}
		send(exchange, 200, Map.of("token", this.tokens.issue(this.keyId)));
	}

	/**
	 * Answer like Conductor a request whose token is not valid: 401 or 403 with a JSON
	 * {@code error}.
	 */
	void reject(HttpExchange exchange, Verdict verdict) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", switch (verdict) {
			case MISSING -> "Token cannot be null or empty";
			case EXPIRED -> "Token is expired";
			case REVOKED -> "Token has been revoked";
			default -> "Invalid token";
		});
		body.put("error", (verdict == Verdict.EXPIRED) ? "EXPIRED_TOKEN" : "INVALID_TOKEN");
		body.put("timestamp", this.clock.millis());
		send(exchange, (verdict == Verdict.REVOKED) ? 403 : 401, body);
	}

}
