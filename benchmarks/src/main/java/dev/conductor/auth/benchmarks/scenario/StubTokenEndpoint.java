package dev.conductor.auth.benchmarks.scenario;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The token endpoint of a {@link ConductorStub}, {@code POST /api/token}: a new JWT on
 * every call, or 503 while the endpoint is down; either after the token latency.
 */
final class StubTokenEndpoint implements ResponseDefinitionTransformerV2 {

	static final String NAME = "conductor-token";

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	private static final String JWT_HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

	private final StubState state;

	StubTokenEndpoint(StubState state) {
		this.state = state;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		synchronized (this.state.tokenCallNanos) {
			this.state.tokenCallNanos.add(System.nanoTime());
		}
		this.state.tokenCalls.increment();
		ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
			.withHeader("Content-Type", "application/json")
			.withFixedDelay(this.state.tokenLatencyMillis);
		if (this.state.tokenDown) {
			this.state.tokenFailures.increment();
			notifyListener(503);
			return response.withStatus(503).withBody("{\"status\":503,\"message\":\"Service Unavailable\"}").build();
		}
		long serial = this.state.serial.incrementAndGet();
		long expiresAt = System.currentTimeMillis() + this.state.lifetimeMillis;
		// whole seconds, rounded up: the token lives at least the lifetime
		long exp = (expiresAt + 999) / 1000;
		String token = JWT_HEADER + "."
				+ encode("{\"sub\":\"" + ConductorStub.KEY_ID + "\",\"jti\":\"" + serial + "\",\"exp\":" + exp + "}")
				+ "." + encode("signature-" + serial);
		this.state.issued.put(token, new StubState.Issued(serial, exp * 1000));
		notifyListener(200);
		return response.withStatus(200).withBody("{\"token\":\"" + token + "\"}").build();
	}

	private void notifyListener(int status) {
		ConductorStub.TokenCallListener listener = this.state.listener;
		if (listener != null) {
			listener.tokenCall(status);
		}
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public String getName() {
		return NAME;
	}

	private static String encode(String json) {
		return BASE64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
