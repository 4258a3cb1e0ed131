package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

import dev.conductor.auth.sample.simulator.SimulatedTokens.Verdict;

import static dev.conductor.auth.sample.simulator.SimulatorExchanges.readJson;
import static dev.conductor.auth.sample.simulator.SimulatorExchanges.send;

/**
 * The simulator's {@code POST /api/token}, and its answers to requests whose token it
 * does not accept: it checks the key, issues tokens, and can be taken down or slowed down
 * for a while.
 */
final class SimulatedTokenEndpoint {

	private final String keyId;

	private final String keySecret;

	private final Clock clock;

	private final SimulatedTokens tokens;

	private final AtomicInteger tokensIssued = new AtomicInteger();

	private volatile long outageUntil;

	private volatile Duration latency = Duration.ZERO;

	SimulatedTokenEndpoint(String keyId, String keySecret, Clock clock, SimulatedTokens tokens) {
		this.keyId = keyId;
		this.keySecret = keySecret;
		this.clock = clock;
		this.tokens = tokens;
	}

	void outage(Duration duration) {
		this.outageUntil = this.clock.millis() + duration.toMillis();
	}

	void latency(Duration latency) {
		this.latency = latency;
	}

	int tokensIssued() {
		return this.tokensIssued.get();
	}

	void token(HttpExchange exchange) throws IOException {
		sleep(this.latency);
		if (this.clock.millis() < this.outageUntil) {
			send(exchange, 503, Map.of("status", 503, "message", "Token service unavailable (simulated outage)"));
			return;
		}
		JsonNode body = readJson(exchange.getRequestBody());
		if (body == null || !this.keyId.equals(body.path("keyId").asString())
				|| !this.keySecret.equals(body.path("keySecret").asString())) {
			send(exchange, 401, Map.of("status", 401, "message", "Invalid application key id or secret"));
			return;
		}
		this.tokensIssued.incrementAndGet();
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

	private static void sleep(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			// a simulated slow server: this thread is the server's, not a caller's
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
