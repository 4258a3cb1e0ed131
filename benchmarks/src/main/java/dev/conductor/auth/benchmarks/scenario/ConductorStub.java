package dev.conductor.auth.benchmarks.scenario;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A Conductor server played by WireMock on a loopback port, with the latencies and
 * failures that the scenarios set. Its token endpoint ({@code POST /api/token}) issues a
 * new JWT on every call, whose {@code exp} is the lifetime from now; every other path is
 * the API, which answers 200 {@code []} to a request whose {@code X-Authorization} holds
 * an issued token that is neither expired nor revoked, and 401 with the {@code error}
 * that a Conductor server sends otherwise. It counts what the clients did: token calls
 * (with the instant each arrived) and API requests by the token they carried.
 */
public final class ConductorStub implements AutoCloseable {

	/**
	 * The key id that the clients present.
	 */
	public static final String KEY_ID = "benchmark-key";

	/**
	 * The key secret that the clients present.
	 */
	public static final String KEY_SECRET = "benchmark-secret";

	private static final String TOKEN_PATH = "/api/token";

	private final StubState state = new StubState();

	private final WireMockServer server;

	private ConductorStub() {
		this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
			.dynamicPort()
			.containerThreads(200)
			// 64 connections at once must not overflow the default backlog of 50 (a
			// dropped
			// SYN costs a second)
			.jettyAcceptQueueSize(1024)
			.disableRequestJournal()
			.notifier(new ConsoleNotifier(false))
			.extensions(new StubTokenEndpoint(this.state), new StubApi(this.state)));
	}

	/**
	 * Start a server whose tokens live {@code lifetime}.
	 * @param lifetime the lifetime of the tokens it issues
	 * @return the running server
	 */
	public static ConductorStub start(Duration lifetime) {
		ConductorStub stub = new ConductorStub();
		stub.state.lifetimeMillis = lifetime.toMillis();
		stub.server.start();
		stub.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1)
			.willReturn(aResponse().withTransformers(StubTokenEndpoint.NAME)));
		stub.server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(StubApi.NAME)));
		return stub;
	}

	/**
	 * The API base URL, {@code http://127.0.0.1:PORT/api}.
	 * @return the base URL
	 */
	public URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.server.port() + "/api");
	}

	/**
	 * The token endpoint.
	 * @return the token URI
	 */
	public URI tokenUri() {
		return URI.create("http://127.0.0.1:" + this.server.port() + TOKEN_PATH);
	}

	/**
	 * Make the token endpoint answer after {@code latency}.
	 * @param latency the latency
	 * @return this stub
	 */
	public ConductorStub tokenLatency(Duration latency) {
		this.state.tokenLatencyMillis = (int) latency.toMillis();
		return this;
	}

	/**
	 * Make the API answer after {@code latency}.
	 * @param latency the latency
	 * @return this stub
	 */
	public ConductorStub apiLatency(Duration latency) {
		this.state.apiLatencyMillis = (int) latency.toMillis();
		return this;
	}

	/**
	 * Take the token endpoint down (503 to every call) or bring it back.
	 * @param down whether it is down
	 */
	public void tokenEndpointDown(boolean down) {
		this.state.tokenDown = down;
	}

	/**
	 * Make the API reject every token, even a new one, with 401 {@code EXPIRED_TOKEN}, as
	 * a server whose clock runs ahead would; or stop doing so.
	 * @param rejectAll whether to reject every token
	 */
	public void rejectEveryToken(boolean rejectAll) {
		this.state.rejectAll = rejectAll;
	}

	/**
	 * Make the API reject, with 401 {@code EXPIRED_TOKEN}, every token issued so far;
	 * tokens issued from now on are accepted.
	 */
	public void expireIssuedTokens() {
		this.state.revokedUpTo = this.state.serial.get();
	}

	/**
	 * What the clients did since the stub started.
	 * @return the counts
	 */
	public Counts counts() {
		StubState state = this.state;
		return new Counts(state.tokenCalls.sum(), state.tokenFailures.sum(), state.apiRequests.sum(),
				state.apiAccepted.sum(), state.withoutValidToken.sum());
	}

	/**
	 * The {@link System#nanoTime()} at which each token call arrived, oldest first.
	 * @return the arrival instants
	 */
	public List<Long> tokenCallNanos() {
		synchronized (this.state.tokenCallNanos) {
			return new ArrayList<>(this.state.tokenCallNanos);
		}
	}

	/**
	 * Set a listener told of every token call, for the child JVMs that report as they go.
	 * @param listener the listener
	 */
	public void onTokenCall(TokenCallListener listener) {
		this.state.listener = listener;
	}

	@Override
	public void close() {
		this.server.stop();
	}

	/**
	 * What the clients did: token calls (and how many of them failed), API requests, how
	 * many the API accepted, and how many carried no valid token: none, one the server
	 * never issued, or one whose {@code exp} had passed.
	 *
	 * @param tokenCalls calls to the token endpoint
	 * @param tokenFailures calls answered with an error
	 * @param apiRequests requests to the API
	 * @param apiAccepted requests the API accepted
	 * @param withoutValidToken requests without a valid token
	 */
	public record Counts(long tokenCalls, long tokenFailures, long apiRequests, long apiAccepted,
			long withoutValidToken) {

		/**
		 * The difference since an earlier count.
		 * @param earlier the earlier count
		 * @return what happened in between
		 */
		public Counts since(Counts earlier) {
			return new Counts(this.tokenCalls - earlier.tokenCalls, this.tokenFailures - earlier.tokenFailures,
					this.apiRequests - earlier.apiRequests, this.apiAccepted - earlier.apiAccepted,
					this.withoutValidToken - earlier.withoutValidToken);
		}

	}

	/**
	 * Told of every call to the token endpoint.
	 */
	@FunctionalInterface
	public interface TokenCallListener {

		/**
		 * A token call arrived.
		 * @param status the status it is answered with
		 */
		void tokenCall(int status);

	}

}
