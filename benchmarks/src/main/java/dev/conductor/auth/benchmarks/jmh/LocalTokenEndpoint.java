package dev.conductor.auth.benchmarks.jmh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

import dev.conductor.auth.benchmarks.scenario.ConductorStub;
import dev.conductor.auth.token.ConductorTokenManager;

/**
 * A token endpoint on a loopback port that answers with one token valid for an hour, for
 * the setup of the benchmarks only: our token manager mints its first token from it (the
 * manager's own HTTP client cannot be replaced), and the measured code never calls it
 * again.
 */
final class LocalTokenEndpoint implements AutoCloseable {

	private final HttpServer server;

	private LocalTokenEndpoint(HttpServer server) {
		this.server = server;
	}

	static LocalTokenEndpoint start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			byte[] answer = ("{\"token\":\"" + InMemoryConductor.TOKEN + "\"}").getBytes(StandardCharsets.UTF_8);
			server.createContext("/api/token", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, answer.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(answer);
				}
			});
			server.start();
			return new LocalTokenEndpoint(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Build a token manager with the starter's defaults and wait for its first token.
	 */
	ConductorTokenManager tokenManager() {
		URI tokenUri = URI.create("http://" + this.server.getAddress().getHostString() + ":"
				+ this.server.getAddress().getPort() + "/api/token");
		ConductorTokenManager tokenManager = ConductorTokenManager
			.builder(tokenUri, ConductorStub.KEY_ID, ConductorStub.KEY_SECRET)
			.build();
		tokenManager.start();
		tokenManager.getToken();
		return tokenManager;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
