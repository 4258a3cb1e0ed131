package dev.conductor.auth.token;

import java.time.Clock;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One call of the token source, observed as {@code conductor.auth.token.mint}. Whatever
 * happens in it (an I/O error, a malformed answer, a source that throws a
 * {@link RuntimeException} or an {@link Error}) it returns an outcome and never throws,
 * so that the attempt always ends in a success or a failed attempt that the back-off
 * schedules again. An observation handler that throws is logged and changes nothing.
 */
final class MintAttempt {

	private static final Log logger = LogFactory.getLog(MintAttempt.class);

	private final ConductorTokenSource source;

	private final TokenSourceDescription description;

	private final TokenLifetime lifetime;

	private final Clock clock;

	private final ObservationRegistry observationRegistry;

	MintAttempt(ConductorTokenSource source, TokenSourceDescription description, TokenLifetime lifetime, Clock clock,
			ObservationRegistry observationRegistry) {
		this.source = source;
		this.description = description;
		this.lifetime = lifetime;
		this.clock = clock;
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Mint a token for {@code refresh}.
	 * @return the new token's state, or the failure
	 */
	Outcome run(Refresh refresh) {
		Observation observation = start(refresh);
		Outcome outcome;
		try {
			ConductorToken token = this.source.obtainToken();
			long now = this.clock.millis();
			if (token != null && !isHeaderValue(token.value())) {
				throw new TokenMintException(
						this.description + " returned a token that holds characters an HTTP header cannot carry", null);
			}
			TokenState state = (token != null) ? this.lifetime.stateOf(token, now, refresh.failures())
					: TokenState.unsecured(now, refresh.failures());
			outcome = new Outcome(state, null);
		}
		catch (TokenMintException ex) {
			outcome = new Outcome(null, ex);
		}
		catch (Throwable ex) {
			// a RuntimeException, an Error or a bug: still one failed attempt, never the
			// end of the manager; named by its class alone, since its message could hold
			// anything, a token included
			outcome = new Outcome(null,
					new TokenMintException(this.description + " failed unexpectedly: " + ex.getClass().getName(), ex));
		}
		stop(observation, outcome);
		return outcome;
	}

	/**
	 * Whether {@code value} can be sent in a header as it is: visible ASCII only, so that
	 * no source can split a request or hide a header in it.
	 */
	private static boolean isHeaderValue(String value) {
		return value.chars().allMatch((ch) -> ch > 0x20 && ch < 0x7f);
	}

	private Observation start(Refresh refresh) {
		try {
			return Observation.start("conductor.auth.token.mint", this.observationRegistry)
				.lowCardinalityKeyValue("reason", refresh.reason().name());
		}
		catch (Throwable ex) {
			logger.warn("An observation handler failed to start observing a Conductor token mint", ex);
			return Observation.NOOP;
		}
	}

	private void stop(Observation observation, Outcome outcome) {
		try {
			if (outcome.failure() != null) {
				observation.lowCardinalityKeyValue("outcome", "failure").error(outcome.failure());
			}
			else {
				observation.lowCardinalityKeyValue("outcome", outcome.secured() ? "success" : "unsecured");
			}
			observation.stop();
		}
		catch (Throwable ex) {
			// Micrometer does not catch what a handler throws, an Error included; the
			// mint is done all the same
			logger.warn("An observation handler failed to stop observing a Conductor token mint", ex);
		}
	}

	/**
	 * What one attempt came to: a token's state, or a failure.
	 */
	record Outcome(@Nullable TokenState state, @Nullable TokenMintException failure) {

		boolean secured() {
			return this.state != null && this.state.value() != null;
		}

	}

}
