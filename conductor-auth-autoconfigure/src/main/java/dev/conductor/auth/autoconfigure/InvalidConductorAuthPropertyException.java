package dev.conductor.auth.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Thrown at startup when a {@code conductor.auth.*} property is missing or malformed.
 * {@link InvalidConductorAuthPropertyFailureAnalyzer} turns it into Boot's "APPLICATION
 * FAILED TO START" report.
 */
class InvalidConductorAuthPropertyException extends RuntimeException {

	private final String property;

	private final String problem;

	private final String action;

	InvalidConductorAuthPropertyException(String property, String problem, String action) {
		super("Invalid property '" + property + "': " + problem);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * Return this exception, or a copy whose problem no longer repeats the secret: a
	 * secret pasted into the wrong property is repeated wherever its value is.
	 */
	InvalidConductorAuthPropertyException masking(@Nullable String secret) {
		if (!StringUtils.hasText(secret) || !this.problem.contains(secret)) {
			return this;
		}
		return new InvalidConductorAuthPropertyException(this.property, this.problem.replace(secret, "******"),
				this.action);
	}

	String getProperty() {
		return this.property;
	}

	String getAction() {
		return this.action;
	}

}
