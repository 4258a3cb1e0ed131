package dev.conductor.auth.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.conductor.auth.token.ConductorTokenManager;
import dev.conductor.auth.token.FatalAuthenticationException;

/**
 * Starts the first mint once every singleton exists, so that the first request does not
 * pay for it. With {@code conductor.auth.fail-fast}, startup waits until that token is
 * minted, and fails with the {@link FatalAuthenticationException} (whose exit code
 * {@code SpringApplication} uses) when the failure budget is spent, or with a
 * {@code TokenUnavailableException} when the manager is closed meanwhile.
 */
final class ConductorTokenManagerStarter implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ConductorTokenManagerStarter.class);

	private final ConductorTokenManager tokenManager;

	private final boolean failFast;

	ConductorTokenManagerStarter(ConductorTokenManager tokenManager, boolean failFast) {
		this.tokenManager = tokenManager;
		this.failFast = failFast;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.tokenManager.start();
		if (!this.failFast) {
			return;
		}
		logger.info("Waiting for the first Conductor token (conductor.auth.fail-fast=true)");
		// ends on every terminal state: a token, the fatal state, a closed manager
		this.tokenManager.awaitToken();
	}

}
