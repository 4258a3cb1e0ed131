package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import static dev.conductor.auth.sample.simulator.SimulatorExchanges.send;

/**
 * The controls under {@code /simulator}: revoke the current token, take the token
 * endpoint down for a while, slow it down, and read what happened so far.
 */
final class SimulatorControls {

	private final ConductorSimulator simulator;

	SimulatorControls(ConductorSimulator simulator) {
		this.simulator = simulator;
	}

	void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath().substring("/simulator".length());
			MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(exchange.getRequestURI())
				.build()
				.getQueryParams();
			try {
				handle(exchange, exchange.getRequestMethod() + " " + path, query);
			}
			catch (NumberFormatException ex) {
				send(exchange, 400, Map.of("status", 400, "message", "Not a number: " + ex.getMessage()));
			}
		}
	}

	private void handle(HttpExchange exchange, String request, MultiValueMap<String, String> query) throws IOException {
		switch (request) {
			case "POST /revoke" -> send(exchange, 200, Map.of("revoked", this.simulator.revokeCurrentToken()));
			case "POST /outage" -> {
				Duration duration = Duration.ofSeconds(Long.parseLong(first(query, "seconds", "60")));
				this.simulator.outage(duration);
				send(exchange, 200, Map.of("outage", duration.toString()));
			}
			case "POST /latency" -> {
				Duration latency = Duration.ofMillis(Long.parseLong(first(query, "millis", "0")));
				this.simulator.tokenLatency(latency);
				send(exchange, 200, Map.of("tokenLatency", latency.toString()));
			}
			case "GET /stats" -> send(exchange, 200, Map.of("tokensIssued", this.simulator.tokensIssued(),
					"tasksCompleted", this.simulator.tasksCompleted()));
			default -> send(exchange, 404,
					Map.of("status", 404, "message",
							"Controls: POST /simulator/revoke, POST /simulator/outage?seconds=N, "
									+ "POST /simulator/latency?millis=N, GET /simulator/stats"));
		}
	}

	private static String first(MultiValueMap<String, String> query, String name, String fallback) {
		String value = query.getFirst(name);
		return (value != null) ? value : fallback;
	}

}
