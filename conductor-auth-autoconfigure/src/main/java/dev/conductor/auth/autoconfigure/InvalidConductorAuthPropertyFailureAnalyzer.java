package dev.conductor.auth.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a missing or malformed {@code conductor.auth.*} property: which one, what is
 * wrong with it, and how to fix it or turn conductor-auth off.
 */
class InvalidConductorAuthPropertyFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidConductorAuthPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConductorAuthPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				cause.getAction() + " Or set conductor.auth.enabled=false to turn conductor-auth off.", cause);
	}

}
