package dev.conductor.auth.autoconfigure;

/**
 * Thrown at startup when a {@code conductor.auth.*} property is missing or malformed.
 * {@link InvalidConductorAuthPropertyFailureAnalyzer} turns it into Boot's "APPLICATION
 * FAILED TO START" report.
 */
class InvalidConductorAuthPropertyException extends RuntimeException {

	private final String property;

	private final String action;

	InvalidConductorAuthPropertyException(String property, String problem, String action) {
		super("Invalid property '" + property + "': " + problem);
		this.property = property;
		this.action = action;
	}

	String getProperty() {
		return this.property;
	}

	String getAction() {
		return this.action;
	}

}
