package dev.conductor.auth.benchmarks.fleet;

/**
 * The three kinds of fleet that each outage meets.
 */
public enum FleetSide {

	/**
	 * Ours with the starter's defaults: the application exits in the fatal state.
	 */
	OURS("ours, by default"),

	/**
	 * Ours with {@code exit-on-failure=false}: it keeps trying and recovers.
	 */
	OURS_SELF_HEALING("ours, `exit-on-failure=false`"),

	/**
	 * The official client, whose task runner exits on its fatal exception.
	 */
	THEIRS("theirs");

	private final String title;

	FleetSide(String title) {
		this.title = title;
	}

	/**
	 * The side's name in the results.
	 * @return the title, Markdown
	 */
	public String title() {
		return this.title;
	}

}
