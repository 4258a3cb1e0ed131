package dev.conductor.auth.benchmarks.scenario;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The API of a {@link ConductorStub}, every path but the token endpoint's: after the API
 * latency, 200 {@code []} to a request whose {@code X-Authorization} holds a token the
 * stub issued that is neither expired nor rejected; 401 {@code INVALID_TOKEN} without one
 * or with one the stub never issued; 401 {@code EXPIRED_TOKEN} otherwise.
 */
final class StubApi implements ResponseDefinitionTransformerV2 {

	static final String NAME = "conductor-api";

	private final StubState state;

	StubApi(StubState state) {
		this.state = state;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		this.state.apiRequests.increment();
		String token = serveEvent.getRequest().getHeader("X-Authorization");
		StubState.Issued issued = (token != null) ? this.state.issued.get(token) : null;
		ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
			.withHeader("Content-Type", "application/json")
			.withFixedDelay(this.state.apiLatencyMillis);
		if (issued == null) {
			this.state.withoutValidToken.increment();
			return response.withStatus(401)
				.withBody("{\"message\":\"Token cannot be null or empty\",\"error\":\"INVALID_TOKEN\"}")
				.build();
		}
		boolean expired = System.currentTimeMillis() >= issued.expiresAtMillis();
		if (expired) {
			this.state.withoutValidToken.increment();
		}
		if (expired || this.state.rejectAll || issued.serial() <= this.state.revokedUpTo) {
			return response.withStatus(401)
				.withBody("{\"message\":\"Token has expired\",\"error\":\"EXPIRED_TOKEN\"}")
				.build();
		}
		this.state.apiAccepted.increment();
		return response.withStatus(200).withBody("[]").build();
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public String getName() {
		return NAME;
	}

}
