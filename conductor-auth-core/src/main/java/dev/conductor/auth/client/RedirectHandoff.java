package dev.conductor.auth.client;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NamedThreadLocal;

/**
 * What a {@link ConductorScopedRequestFactory} tells {@link ConductorAuthInterceptor}
 * about a request in scope that it sent: that the HTTP client's own redirects were off
 * for it, and which redirects the client was built to follow, so that the interceptor
 * follows them itself and keeps the token only on the hops that stay in scope. A request
 * that no one reports on (a client built by hand) gets no redirect followed by the
 * interceptor: its HTTP client did what it was built to do.
 *
 * <p>
 * The interceptor binds it to its thread while it sends the request: a
 * {@code ClientHttpRequest} is sent on the thread that executes it, and a thread-bound
 * handoff costs a request this one small object, where one in the request's attributes
 * would cost two attribute maps (Spring copies them to the request that the request
 * factory creates). ({@code WebClient}'s connector tells its filter through
 * {@link RedirectsWithheldRequest}.)
 */
final class RedirectHandoff {

	/**
	 * The handoff of the request that the thread sends, in a holder of the JDK's own that
	 * each thread makes once: a request reads and sets it without touching the thread's
	 * map of thread-locals again (plain access: only the thread itself uses it), and an
	 * idle thread holds nothing of this library.
	 */
	private static final ThreadLocal<AtomicReference<@Nullable RedirectHandoff>> current = NamedThreadLocal
		.withInitial("Conductor redirect handoff", AtomicReference::new);

	private final AtomicReference<@Nullable RedirectHandoff> slot;

	private final @Nullable RedirectHandoff previous;

	private volatile @Nullable RedirectPolicy withheld;

	private RedirectHandoff(AtomicReference<@Nullable RedirectHandoff> slot) {
		this.slot = slot;
		this.previous = slot.getPlain();
	}

	/**
	 * Open a handoff for the requests that the current thread sends until
	 * {@link #close()}: a request made while another is in flight on the thread (by an
	 * interceptor, say) gets one of its own, and the outer one is current again after it.
	 */
	static RedirectHandoff open() {
		AtomicReference<@Nullable RedirectHandoff> slot = current.get();
		RedirectHandoff handoff = new RedirectHandoff(slot);
		slot.setPlain(handoff);
		return handoff;
	}

	/**
	 * Report, for the request that the current thread sends, that the HTTP client sent it
	 * without following redirects, although it was built to follow them as {@code policy}
	 * says.
	 */
	static void withheld(RedirectPolicy policy) {
		RedirectHandoff handoff = current.get().getPlain();
		if (handoff != null) {
			handoff.withheld = policy;
		}
	}

	/**
	 * The redirects that the adapter follows: those that were withheld, none when nothing
	 * was reported.
	 */
	RedirectPolicy policy() {
		RedirectPolicy policy = this.withheld;
		return (policy != null) ? policy : RedirectPolicy.DONT_FOLLOW;
	}

	/**
	 * Make the handoff that was current before this one current again.
	 */
	void close() {
		this.slot.setPlain(this.previous);
	}

}
