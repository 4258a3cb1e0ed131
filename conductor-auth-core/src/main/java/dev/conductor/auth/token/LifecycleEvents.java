package dev.conductor.auth.token;

import java.time.Clock;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.event.ConductorTokenRefreshFailedEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.RefreshReason;

/**
 * Tells the application what the lifecycle did: a log line and an event for each mint,
 * failed attempt and fatal state. Runs on the manager's thread only; a listener that
 * throws, an {@link Error} included, is logged and never stops the manager.
 */
final class LifecycleEvents {

	private static final Log logger = LogFactory.getLog(ConductorTokenManager.class);

	private final Object source;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final TokenSourceDescription tokenSource;

	LifecycleEvents(Object source, TokenSourceDescription tokenSource, ApplicationEventPublisher publisher,
			Clock clock) {
		this.source = source;
		this.tokenSource = tokenSource;
		this.publisher = publisher;
		this.clock = clock;
	}

	void minted(TokenState state, RefreshReason reason, int attempt, int failuresBefore) {
		if (reason == RefreshReason.RECOVERED) {
			logger.info("Conductor authentication recovered after " + failuresBefore + " failed attempts"
					+ ((state.value() != null) ? ": a token was minted, it expires at " + state.expiresAt()
							: ": " + this.tokenSource.noToken() + ", requests are sent without a token"));
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Minted a Conductor token (" + reason + ", attempt " + attempt + "), expires at "
					+ state.expiresAt());
		}
		publish(new ConductorTokenRefreshedEvent(this.source, this.clock, reason, state.expiresAt(), attempt));
	}

	void unsecured() {
		logger.warn(this.tokenSource.unsecured());
	}

	void failed(int failures, int maxAttempts, TokenMintException failure, long delayMillis) {
		logger.warn("Conductor token attempt " + failures + "/" + maxAttempts + " failed, next in "
				+ Duration.ofMillis(delayMillis) + ": " + failure.getMessage());
		publish(new ConductorTokenRefreshFailedEvent(this.source, this.clock, failures, maxAttempts, failure,
				Duration.ofMillis(delayMillis)));
	}

	void fatal(FatalAuthenticationException fatal, int failures, TokenMintException failure, String next) {
		logger.error(fatal.getMessage() + " " + next);
		publish(new ConductorAuthenticationFatalEvent(this.source, this.clock, failures, failure, fatal.getExitCode()));
	}

	private void publish(ApplicationEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (Throwable ex) {
			logger.warn("A listener of " + event.getClass().getSimpleName() + " failed", ex);
		}
	}

}
