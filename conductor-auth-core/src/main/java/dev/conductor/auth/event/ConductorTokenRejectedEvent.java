package dev.conductor.auth.event;

import java.time.Clock;

import org.springframework.context.ApplicationEvent;

/**
 * Published when the Conductor server rejected a token: an HTTP 401 or 403 whose JSON
 * {@code error} is one of {@code conductor.auth.refresh-errors}.
 *
 * <pre class="code">
 * &#064;EventListener
 * void onRejected(ConductorTokenRejectedEvent event) {
 *     log.info("{} {} rejected the token: {} {}", event.getMethod(), event.getPath(),
 *             event.getStatus(), event.getErrorCode());
 * }
 * </pre>
 */
public final class ConductorTokenRejectedEvent extends ApplicationEvent {

	/** HTTP status of the rejection. */
	private final int status;

	/** The {@code error} of the answer's JSON. */
	private final String errorCode;

	/** HTTP method of the rejected request. */
	private final String method;

	/** Path of the rejected request. */
	private final String path;

	/**
	 * Create a new event.
	 * @param source the adapter that saw the rejection
	 * @param clock the clock that stamps the event
	 * @param status the HTTP status of the rejection
	 * @param errorCode the {@code error} of its JSON body
	 * @param method the HTTP method of the rejected request
	 * @param path the path of the rejected request, without its query
	 */
	public ConductorTokenRejectedEvent(Object source, Clock clock, int status, String errorCode, String method,
			String path) {
		super(source, clock);
		this.status = status;
		this.errorCode = errorCode;
		this.method = method;
		this.path = path;
	}

	/**
	 * Return the HTTP status of the rejection, 401 or 403.
	 * @return the status
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return the {@code error} of the rejection's JSON body, such as
	 * {@code EXPIRED_TOKEN}.
	 * @return the error code
	 */
	public String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return the HTTP method of the rejected request.
	 * @return the method
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * Return the path of the rejected request, without its query.
	 * @return the path
	 */
	public String getPath() {
		return this.path;
	}

	@Override
	public String toString() {
		return "ConductorTokenRejectedEvent[" + this.method + " " + this.path + " -> " + this.status + " "
				+ this.errorCode + "]";
	}

}
