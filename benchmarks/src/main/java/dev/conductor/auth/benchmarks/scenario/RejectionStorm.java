package dev.conductor.auth.benchmarks.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rejection storm: the server stops accepting the current token, and 64 requests that
 * carry it arrive at the same moment, each answered 401 {@code EXPIRED_TOKEN}. How many
 * calls reach the token endpoint, and how many callers see a failure? Three rounds with a
 * token that has lived 3 s, then one round with a token that has lived only 1 s (and was
 * accepted before it was rejected): the case that a rule counting every rejection of a
 * young token as a failed attempt would slow down.
 */
public final class RejectionStorm {

	private static final int REQUESTS = 64;

	private static final Duration TOKEN_LATENCY = Duration.ofMillis(100);

	private static final Duration WARM_UP = Duration.ofMillis(2500);

	private static final Duration TOKEN_AGE = Duration.ofSeconds(3);

	private static final Duration YOUNG_TOKEN_AGE = Duration.ofSeconds(1);

	private RejectionStorm() {
	}

	/**
	 * Run the scenario for one side.
	 * @param side the client
	 * @param rounds the rounds with a token of 3 s
	 * @return what happened
	 */
	public static Result run(Side side, int rounds) {
		try (ConductorStub stub = ConductorStub.start(ScenarioSettings.TOKEN_LIFETIME)
			.tokenLatency(TOKEN_LATENCY)
			.apiLatency(ScenarioRunner.API_LATENCY)) {
			long origin = System.nanoTime();
			try (ScenarioClient client = side.start(stub)) {
				Load load = new Load(client, origin);
				load.run(8, Duration.ofMillis(25), origin + WARM_UP.toNanos());
				Load.sleepUntil(lastMint(stub) + TOKEN_AGE.toNanos());
				List<Round> regular = new ArrayList<>();
				for (int i = 0; i < rounds; i++) {
					regular.add(round(stub, load));
					Load.sleepUntil(lastMint(stub) + TOKEN_AGE.toNanos());
				}
				stub.expireIssuedTokens();
				load.burst(1);
				Load.sleepUntil(lastMint(stub) + YOUNG_TOKEN_AGE.toNanos());
				Round young = round(stub, load);
				return new Result(regular, young);
			}
		}
	}

	private static Round round(ConductorStub stub, Load load) {
		ConductorStub.Counts before = stub.counts();
		stub.expireIssuedTokens();
		List<RequestRecord> records = load.burst(REQUESTS);
		ConductorStub.Counts during = stub.counts().since(before);
		long failed = records.stream().filter((record) -> !record.succeeded()).count();
		return new Round(during.tokenCalls(), records.size(), failed,
				Percentiles.of(records, RequestRecord::latencyNanos));
	}

	private static long lastMint(ConductorStub stub) {
		List<Long> calls = stub.tokenCallNanos();
		return calls.get(calls.size() - 1);
	}

	/**
	 * One round: 64 rejected requests.
	 *
	 * @param tokenCalls calls to the token endpoint during the round
	 * @param requests requests sent
	 * @param failed requests whose caller did not get a 200
	 * @param latency the whole requests, replay included
	 */
	public record Round(long tokenCalls, long requests, long failed, Percentiles latency) {
	}

	/**
	 * What one side did.
	 *
	 * @param regular the rounds with a token that had lived 3 s
	 * @param young the round with a token that had lived 1 s
	 */
	public record Result(List<Round> regular, Round young) {

		/**
		 * The token calls of all regular rounds.
		 * @return the sum
		 */
		public long tokenCalls() {
			return this.regular.stream().mapToLong(Round::tokenCalls).sum();
		}

		/**
		 * The failures of all regular rounds.
		 * @return the sum
		 */
		public long failed() {
			return this.regular.stream().mapToLong(Round::failed).sum();
		}

		/**
		 * The requests of all regular rounds.
		 * @return the sum
		 */
		public long requests() {
			return this.regular.stream().mapToLong(Round::requests).sum();
		}

		/**
		 * The slowest request of all regular rounds, in milliseconds.
		 * @return the maximum
		 */
		public double maxLatency() {
			return this.regular.stream().mapToDouble((round) -> round.latency().max()).max().orElse(0);
		}

		/**
		 * The worst median of the regular rounds, in milliseconds.
		 * @return the median
		 */
		public double medianLatency() {
			return this.regular.stream().mapToDouble((round) -> round.latency().p50()).max().orElse(0);
		}

	}

}
