package dev.conductor.auth.benchmarks.fleet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

import com.netflix.conductor.client.http.ConductorClient;
import io.orkes.conductor.client.http.FatalAuthenticationException;
import io.orkes.conductor.client.http.OrkesAuthentication;
import org.jspecify.annotations.Nullable;

/**
 * Their instance: the official client's {@link OrkesAuthentication}, as
 * {@code ApiClient.builder().credentials(…)} creates it, polled the way its task runner
 * polls: every poll asks it for the request's headers, and a refresh happens inside that
 * poll when the cached token is gone. When a poll meets its
 * {@link FatalAuthenticationException} (5 failed refreshes), its task runner ends the JVM
 * with {@code System.exit(1)}: the instance counts as exited.
 * <p>
 * Its refresh interval is a setting and is sped up like everything else. Its back-off is
 * not: it waits {@code 2^failures} s on {@link System#currentTimeMillis()} since its last
 * attempt, a constant of its code. So that it runs at the fleet's speed too, each poll
 * first moves its private {@code lastTokenRefreshAttempt} back so that the time since the
 * real last attempt looks {@code speedUp} times longer; the next poll puts the real value
 * back. Nothing else of it is touched.
 */
final class OfficialInstance extends FleetInstance {

	private static final int MAX_FAILURES = 5;

	private static final VarHandle FAILURES;

	private static final VarHandle LAST_ATTEMPT;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(OrkesAuthentication.class,
					MethodHandles.lookup());
			FAILURES = lookup.findVarHandle(OrkesAuthentication.class, "tokenRefreshFailures", int.class);
			LAST_ATTEMPT = lookup.findVarHandle(OrkesAuthentication.class, "lastTokenRefreshAttempt", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("OrkesAuthentication of conductor-client 6.0.0 was expected", ex);
		}
	}

	private final OrkesAuthentication authentication;

	private final FleetTokenEndpoint endpoint;

	private final int speedUp;

	private long realLastAttempt;

	private long shownLastAttempt;

	private @Nullable String lastToken;

	private long lastTokenExpiry = NONE;

	private OfficialInstance(long startedAt, OrkesAuthentication authentication, FleetTokenEndpoint endpoint,
			int speedUp) {
		super(startedAt);
		this.authentication = authentication;
		this.endpoint = endpoint;
		this.speedUp = speedUp;
	}

	/**
	 * Start an instance: like the official {@code ApiClient}, it mints its first token
	 * while it is built.
	 * @param client the side's client, which carries the token calls
	 * @param endpoint the side's token endpoint
	 * @param settings the fleet's timing
	 * @return the instance
	 */
	static OfficialInstance start(ConductorClient client, FleetTokenEndpoint endpoint, FleetSettings settings) {
		long refreshSeconds = settings.run(settings.officialRefreshInterval()).toSeconds();
		OrkesAuthentication authentication = new OrkesAuthentication(FleetTokenEndpoint.KEY_ID,
				FleetTokenEndpoint.KEY_SECRET, refreshSeconds);
		OfficialInstance instance = new OfficialInstance(System.nanoTime(), authentication, endpoint,
				settings.speedUp());
		authentication.init(client);
		instance.realLastAttempt = (long) LAST_ATTEMPT.get(authentication);
		instance.shownLastAttempt = instance.realLastAttempt;
		return instance;
	}

	@Override
	protected @Nullable String token(long now) {
		speedUpBackOff();
		try {
			Map<String, String> headers = this.authentication.get("GET", "/tasks/poll/batch/fleet_task");
			return headers.get("X-Authorization");
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof FatalAuthenticationException) {
					exited(now);
				}
			}
			return null;
		}
		finally {
			noteAttempt();
		}
	}

	@Override
	protected long tokenExpiry(String token) {
		if (!token.equals(this.lastToken)) {
			this.lastToken = token;
			this.lastTokenExpiry = this.endpoint.expiryNanos(token);
		}
		return this.lastTokenExpiry;
	}

	private void speedUpBackOff() {
		int failures = (int) FAILURES.get(this.authentication);
		if (failures > 0 && failures < MAX_FAILURES) {
			long now = System.currentTimeMillis();
			this.shownLastAttempt = now - (now - this.realLastAttempt) * this.speedUp;
			LAST_ATTEMPT.set(this.authentication, this.shownLastAttempt);
		}
	}

	private void noteAttempt() {
		long last = (long) LAST_ATTEMPT.get(this.authentication);
		if (last != this.shownLastAttempt) {
			// it attempted a refresh in this poll, at this instant
			this.realLastAttempt = last;
		}
		else {
			LAST_ATTEMPT.set(this.authentication, this.realLastAttempt);
		}
		this.shownLastAttempt = this.realLastAttempt;
	}

	@Override
	public void close() {
		// the client that carries its calls is the side's; the instance holds nothing
		// else
	}

}
