package dev.conductor.auth.autoconfigure;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;

/**
 * What the application does once Conductor authentication is lost for good: the failure
 * budget is spent and no valid token is left. Called once per fatal event, on the thread
 * that published it (the token manager's), so an implementation must not block for long.
 * The default, {@link DefaultFatalAuthenticationHandler}, exits the application; define a
 * bean of this type to do something else:
 *
 * <pre class="code">
 * &#064;Bean
 * FatalAuthenticationHandler pageThenExit(ConfigurableApplicationContext context, Pager pager) {
 *     DefaultFatalAuthenticationHandler exit = new DefaultFatalAuthenticationHandler(context, true, false);
 *     return (event) -&gt; {
 *         pager.page("Conductor authentication lost: " + event.getLastCause().getMessage());
 *         exit.handle(event);
 *     };
 * }
 * </pre>
 */
@FunctionalInterface
public interface FatalAuthenticationHandler {

	/**
	 * Handle the loss of Conductor authentication.
	 * @param event the fatal event
	 */
	void handle(ConductorAuthenticationFatalEvent event);

}
