package dev.conductor.auth.sample.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading and writing the simulator's HTTP exchanges: JSON or a form in, JSON or text
 * out.
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

	/**
	 * The request body as an {@code application/x-www-form-urlencoded} form, {@code null}
	 * when a parameter is given twice (RFC 6749 forbids it) or a value is not
	 * URL-encoded; at most 64 KiB is read.
	 */
	static @Nullable Map<String, String> readForm(InputStream body) throws IOException {
		String form = new String(body.readNBytes(64 * 1024), StandardCharsets.US_ASCII);
		Map<String, String> parameters = new HashMap<>();
		for (String pair : form.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			try {
				String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair,
						StandardCharsets.UTF_8);
				String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)
						: "";
				if (parameters.putIfAbsent(name, value) != null) {
					return null;
				}
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		return parameters;
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
