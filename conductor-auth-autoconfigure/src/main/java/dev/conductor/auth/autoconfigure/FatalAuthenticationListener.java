package dev.conductor.auth.autoconfigure;

import org.springframework.context.ApplicationListener;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;

/**
 * Hands the fatal event to the {@link FatalAuthenticationHandler} bean.
 */
final class FatalAuthenticationListener implements ApplicationListener<ConductorAuthenticationFatalEvent> {

	private final FatalAuthenticationHandler handler;

	FatalAuthenticationListener(FatalAuthenticationHandler handler) {
		this.handler = handler;
	}

	@Override
	public void onApplicationEvent(ConductorAuthenticationFatalEvent event) {
		this.handler.handle(event);
	}

}
