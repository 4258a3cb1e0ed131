package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading and writing the simulator's HTTP exchanges: JSON in, JSON or text out.
 */
final class SimulatorExchanges {

	private static final JsonMapper json = JsonMapper.shared();

	private SimulatorExchanges() {
	}

	/**
	 * The request body as JSON, {@code null} when it is not JSON; at most 64 KiB is read.
	 */
	static @Nullable JsonNode readJson(InputStream body) {
		try {
			return json.readTree(body.readNBytes(64 * 1024));
		}
		catch (IOException | JacksonException ex) {
			return null;
		}
	}

	static void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	static void sendText(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

}
