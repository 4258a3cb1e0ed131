package dev.conductor.auth.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.event.ConductorTokenRefreshFailedEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.ConductorTokenRejectedEvent;

/**
 * One readable line for each event of the starter, as a user's own listener would log it.
 */
@Component
class TokenEventLog {

	private static final Logger logger = LoggerFactory.getLogger("token");

	@EventListener
	void onRefreshed(ConductorTokenRefreshedEvent event) {
		logger.info("[token] minted ({}, attempt {}), expires at {}", event.getReason(), event.getAttempt(),
				event.getExpiresAt());
	}

	@EventListener
	void onFailed(ConductorTokenRefreshFailedEvent event) {
		logger.warn("[token] attempt {}/{} failed, next attempt in {} ms: {}", event.getAttempt(),
				event.getMaxAttempts(), event.getNextAttemptDelay().toMillis(), event.getCause().getMessage());
	}

	@EventListener
	void onRejected(ConductorTokenRejectedEvent event) {
		logger.info("[token] the server rejected the token: {} {} -> {} {}; the starter replaces it and replays",
				event.getMethod(), event.getPath(), event.getStatus(), event.getErrorCode());
	}

	@EventListener
	void onFatal(ConductorAuthenticationFatalEvent event) {
		logger.error("[token] authentication lost after {} attempts in a row; the application exits with code {}",
				event.getAttempts(), event.getExitCode());
	}

}
