package dev.conductor.auth.benchmarks.fleet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The token endpoint that one side's fleet shares, {@code POST /api/token} on a loopback
 * port, on the JDK's own HTTP server (lighter than WireMock for the one path the fleet
 * needs). Each call gets a new JWT whose {@code iat} and {@code exp} claims are whole
 * seconds apart by the token's lifetime, so that our side measures that lifetime exactly;
 * while the endpoint is down, each gets 503. It notes when each call arrived and when
 * each token it issued expires.
 */
final class FleetTokenEndpoint implements AutoCloseable {

	static final String KEY_ID = "fleet-key";

	static final String KEY_SECRET = "fleet-secret";

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	private static final String JWT_HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

	private static final byte[] DOWN = "{\"status\":503,\"message\":\"Service Unavailable\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final HttpServer server;

	private final ExecutorService executor;

	private final long lifetimeSeconds;

	private final AtomicLong serial = new AtomicLong();

	private final Map<String, Long> expiryNanosByToken = new ConcurrentHashMap<>();

	private final Object callsLock = new Object();

	private long[] callNanos = new long[1024];

	private int calls;

	private volatile boolean down;

	private FleetTokenEndpoint(HttpServer server, ExecutorService executor, Duration lifetime) {
		this.server = server;
		this.executor = executor;
		this.lifetimeSeconds = lifetime.toSeconds();
	}

	/**
	 * Start an endpoint whose tokens live {@code lifetime}.
	 * @param lifetime the tokens' lifetime, whole seconds
	 * @param name a name for its threads
	 * @return the running endpoint
	 */
	static FleetTokenEndpoint start(Duration lifetime, String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
			ExecutorService executor = Executors.newFixedThreadPool(4,
					Thread.ofPlatform().daemon().name("fleet-endpoint-" + name + "-", 0).factory());
			FleetTokenEndpoint endpoint = new FleetTokenEndpoint(server, executor, lifetime);
			server.createContext("/api/token", endpoint::handle);
			server.setExecutor(executor);
			server.start();
			return endpoint;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The API base URL, {@code http://127.0.0.1:PORT/api}.
	 */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/api";
	}

	/**
	 * The token endpoint.
	 */
	URI tokenUri() {
		return URI.create(baseUrl() + "/token");
	}

	/**
	 * Take the endpoint down (503 to every call) or bring it back.
	 */
	void down(boolean down) {
		this.down = down;
	}

	/**
	 * The {@link System#nanoTime()} at which each call arrived, oldest first.
	 */
	long[] callNanos() {
		synchronized (this.callsLock) {
			long[] copy = Arrays.copyOf(this.callNanos, this.calls);
			Arrays.sort(copy);
			return copy;
		}
	}

	/**
	 * The {@link System#nanoTime()} at which a token that this endpoint issued expires
	 * (its lifetime after the call), or {@link Long#MAX_VALUE} for a token it does not
	 * know.
	 */
	long expiryNanos(String token) {
		return this.expiryNanosByToken.getOrDefault(token, Long.MAX_VALUE);
	}

	private void handle(HttpExchange exchange) throws IOException {
		long now = System.nanoTime();
		synchronized (this.callsLock) {
			if (this.calls == this.callNanos.length) {
				this.callNanos = Arrays.copyOf(this.callNanos, this.calls * 2);
			}
			this.callNanos[this.calls++] = now;
		}
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			byte[] body;
			if (this.down) {
				body = DOWN;
				exchange.sendResponseHeaders(503, body.length);
			}
			else {
				long nowMillis = System.currentTimeMillis();
				long iat = nowMillis / 1000;
				long exp = iat + this.lifetimeSeconds;
				long serial = this.serial.incrementAndGet();
				String token = JWT_HEADER + "." + encode("{\"sub\":\"" + KEY_ID + "\",\"jti\":\"" + serial
						+ "\",\"iat\":" + iat + ",\"exp\":" + exp + "}") + "." + encode("signature-" + serial);
				// its life from now, as our side reads it (exp - iat, from the answer's
				// arrival)
				this.expiryNanosByToken.put(token, now + this.lifetimeSeconds * 1_000_000_000L);
				body = ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
			}
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private static String encode(String json) {
		return BASE64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
