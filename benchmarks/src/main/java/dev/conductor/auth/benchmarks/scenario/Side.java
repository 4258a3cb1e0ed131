package dev.conductor.auth.benchmarks.scenario;

/**
 * The two clients that every scenario compares, in the same run, one after the other.
 */
public enum Side {

	/**
	 * conductor-auth: {@link OurClient}.
	 */
	OURS("conductor-auth"),

	/**
	 * The official Conductor Java client 6.0.0: {@link OfficialClient}.
	 */
	THEIRS("conductor-client 6.0.0");

	private final String title;

	Side(String title) {
		this.title = title;
	}

	/**
	 * The side's name in the results.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Start this side's client against a stub, with its first token.
	 * @param stub the server
	 * @return the client
	 */
	public ScenarioClient start(ConductorStub stub) {
		return (this == OURS) ? OurClient.start(stub, (event) -> {
		}) : OfficialClient.start(stub);
	}

}
