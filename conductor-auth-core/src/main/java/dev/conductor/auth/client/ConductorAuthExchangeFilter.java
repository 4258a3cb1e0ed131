package dev.conductor.auth.client;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import dev.conductor.auth.client.ConductorRequestAuthenticator.Rejection;

/**
 * Puts the Conductor token on every {@code WebClient} request to the Conductor API, in
 * the authenticator's header after its prefix ({@code X-Authorization: <token>} by
 * default, {@code Authorization: Bearer <token>} behind an OAuth2 gateway), and replaces
 * a token that the server rejects: on a token error (by default a 401 or 403 whose JSON
 * {@code error} is a refresh error; see {@link TokenErrorDetector}), it releases the
 * response, gets the token that replaced the rejected one and replays the request once,
 * through every filter registered after it. A second rejection, and every other response,
 * goes back to the caller with its whole body; with a rule that reads no body, no body is
 * read at all. Nothing here blocks a thread, waiting for a token included. Requests to
 * other hosts pass through untouched.
 *
 * <p>
 * Redirects of a request to the Conductor API: a client built from Boot's builders sends
 * it through a {@link ConductorScopedClientHttpConnector}, whose HTTP client follows no
 * redirect with the token, and this filter follows the redirects that the client was
 * built to follow itself, putting the token only on the hops that stay within the
 * Conductor API. With another connector it follows none: the HTTP client does what it was
 * built to do, and one that follows redirects on its own would copy the token to wherever
 * they lead, so give a client built by hand a connector that does not.
 *
 * <p>
 * A request body is replayed from the bytes written the first time, up to
 * {@link ReplayableRequestBody#MAX_RECORDED_BYTES} (1 MiB); a larger or streamed body
 * cannot be replayed, and the caller gets the first response instead.
 *
 * <p>
 * With the starter, every client built from Boot's {@code WebClient.Builder} has it; a
 * client built by hand can take the bean:
 *
 * <pre class="code">
 * WebClient conductor = WebClient.builder()
 *     .baseUrl("https://developer.orkescloud.com/api")
 *     .filter(conductorAuthExchangeFilter)
 *     .build();
 * </pre>
 */
public final class ConductorAuthExchangeFilter implements ExchangeFilterFunction {

	/**
	 * Stands for "no token": the server has no security.
	 */
	private static final String NO_TOKEN = "";

	private static final byte[] NO_BODY = new byte[0];

	private final ConductorRequestAuthenticator authenticator;

	/**
	 * Create a filter.
	 * @param authenticator what decides which requests carry which token
	 */
	public ConductorAuthExchangeFilter(ConductorRequestAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.authenticator.appliesTo(request.url())) {
			return next.exchange(request);
		}
		return exchange(request, ReplayableRequestBody.of(request.body()), next, 0);
	}

	/**
	 * Send one request in scope, and the redirects that its connector left to this
	 * filter: with the token, replaying it once after a token error.
	 */
	private Mono<ClientResponse> exchange(ClientRequest request, ReplayableRequestBody body, ExchangeFunction next,
			int hops) {
		ClientRequest recorded = (body.isEmpty()) ? request : ClientRequest.from(request).body(body.inserter()).build();
		// the token is read on subscription, not before: a request subscribed to again
		// (by a filter before this one that retries it, say) goes with the token valid
		// then
		return Mono.defer(new Exchange(recorded, body, next, hops));
	}

	/**
	 * The token of a stage of the token manager, {@link #NO_TOKEN} when the server has no
	 * security. A cancelled request leaves the stage alone: every caller waiting for the
	 * same refresh may share it, and a completed one cannot be cancelled at all (Reactor
	 * would log the {@code UnsupportedOperationException} at ERROR).
	 */
	private static Mono<String> token(Supplier<CompletionStage<@Nullable String>> stage) {
		return Mono.fromFuture(() -> stage.get().toCompletableFuture(), true).defaultIfEmpty(NO_TOKEN);
	}

	/**
	 * The request that follows a redirect: never with our header (the next exchange puts
	 * the token back only if the target is in scope), and without credentials of the
	 * caller's own when it leaves the origin, as browsers do.
	 */
	private ClientRequest redirected(ClientRequest request, Redirects.Hop hop, ReplayableRequestBody body) {
		boolean sameOrigin = Redirects.sameOrigin(request.url(), hop.uri());
		ClientRequest.Builder builder = ClientRequest.from(request)
			.method(HttpMethod.valueOf(hop.method()))
			.url(hop.uri())
			.headers((headers) -> {
				HeaderRemoval.remove(headers, this.authenticator.getHeaderName());
				if (!sameOrigin) {
					HeaderRemoval.remove(headers, HttpHeaders.AUTHORIZATION);
					HeaderRemoval.remove(headers, HttpHeaders.COOKIE);
				}
				if (!hop.keepsBody()) {
					HeaderRemoval.remove(headers, HttpHeaders.CONTENT_TYPE);
					HeaderRemoval.remove(headers, HttpHeaders.CONTENT_LENGTH);
				}
			})
			.cookies((cookies) -> {
				if (!sameOrigin) {
					cookies.clear();
				}
			});
		return hop.keepsBody() ? body.replay(builder.build()) : builder.body(BodyInserters.empty()).build();
	}

	private @Nullable Rejection rejection(ClientRequest request, Peeked peeked) {
		int status = peeked.response().statusCode().value();
		ClientResponse.Headers headers = peeked.response().headers();
		String error = this.authenticator.detector()
			.tokenError(status, headers::header, peeked.prefix(), peeked.prefixLength());
		return (error != null) ? Rejection.of(status, error, request.method().name(), request.url()) : null;
	}

	/**
	 * Read the first {@link TokenErrorDetector#MAX_BODY_BYTES} of a response body to look
	 * at them, and return a response whose body gives them back before the rest; leave
	 * the body alone when the detector reads none.
	 */
	private Mono<Peeked> peek(ClientResponse response) {
		return this.authenticator.detector().readsBody() ? peekBody(response)
				: Mono.just(new Peeked(response, NO_BODY, 0));
	}

	/**
	 * One subscription to the body: the rest stays unread until the caller reads it.
	 */
	private static Mono<Peeked> peekBody(ClientResponse response) {
		AtomicInteger size = new AtomicInteger();
		Flux<List<DataBuffer>> chunks = response.bodyToFlux(DataBuffer.class)
			.bufferUntil((buffer) -> size.addAndGet(buffer.readableByteCount()) >= TokenErrorDetector.MAX_BODY_BYTES);
		return chunks.switchOnFirst((first, all) -> {
			if (first.isOnError()) {
				return Mono.error(first.getThrowable());
			}
			List<DataBuffer> prefix = first.hasValue() ? first.get() : List.of();
			Flux<DataBuffer> whole = all.flatMapIterable(Function.identity());
			ByteBuffer bytes = ByteBuffer.allocate(TokenErrorDetector.MAX_BODY_BYTES);
			for (DataBuffer buffer : prefix) {
				int length = Math.min(buffer.readableByteCount(), bytes.remaining());
				buffer.toByteBuffer(buffer.readPosition(), bytes, bytes.position(), length);
				bytes.position(bytes.position() + length);
			}
			return Mono
				.just(new Peeked(response.mutate().body((ignored) -> whole).build(), bytes.array(), bytes.position()));
		}, false).single();
	}

	/**
	 * One request in scope: on subscription it sends the request with the token, replays
	 * it once after a token error and follows the redirects that its connector left to
	 * this filter. It sees the request as the HTTP client got it, to learn which
	 * redirects those are. When a valid token is at hand, as it nearly always is, it asks
	 * nothing of Reactor but to take the answer: no stage, no operator waits for the
	 * token, and the common case (an answer that is no token error and no redirect) costs
	 * little more than any filter that puts a header on.
	 */
	private final class Exchange implements Supplier<Mono<ClientResponse>>, Consumer<ClientHttpRequest> {

		private final ClientRequest request;

		private final ReplayableRequestBody body;

		private final ExchangeFunction next;

		private final int hops;

		private volatile RedirectPolicy redirects = RedirectPolicy.DONT_FOLLOW;

		Exchange(ClientRequest request, ReplayableRequestBody body, ExchangeFunction next, int hops) {
			this.request = request;
			this.body = body;
			this.next = next;
			this.hops = hops;
		}

		@Override
		public Mono<ClientResponse> get() {
			String token = ConductorAuthExchangeFilter.this.authenticator.tokenManager().getTokenIfValid();
			if (token != null) {
				return send(token);
			}
			return token(() -> ConductorAuthExchangeFilter.this.authenticator.tokenManager().getTokenAsync())
				.flatMap(this::send);
		}

		/**
		 * Send the request with {@code token}, {@link #NO_TOKEN} when the server has no
		 * security.
		 */
		private Mono<ClientResponse> send(String token) {
			return this.next.exchange(withToken(this.request, token)).flatMap((response) -> answer(response, token));
		}

		/**
		 * Learn, as the request goes out, which redirects its connector withheld.
		 */
		@Override
		public void accept(ClientHttpRequest request) {
			this.redirects = RedirectsWithheldRequest.of(request);
		}

		/**
		 * Take the first answer.
		 */
		private Mono<ClientResponse> answer(ClientResponse response, String token) {
			if (!ConductorAuthExchangeFilter.this.authenticator.detector().isCandidate(response.statusCode().value())) {
				if (!token.isEmpty()) {
					ConductorAuthExchangeFilter.this.authenticator.accepted(token);
				}
				return followRedirect(response);
			}
			if (token.isEmpty()) {
				// the server seemed to have no security: a token error says it wants a
				// token after all, and the manager asks the token endpoint again, within
				// its back-off; this request gets its answer as it is
				return peek(response).flatMap((peeked) -> {
					ConductorAuthExchangeFilter.this.authenticator.answered(null, rejection(this.request, peeked));
					return followRedirect(peeked.response());
				});
			}
			return peek(response).flatMap((peeked) -> {
				Rejection rejection = rejection(this.request, peeked);
				if (rejection == null || !this.body.isReplayable()) {
					// accepted, or the body cannot be sent again: the caller gets the
					// first answer, and the manager still learns of a rejection
					ConductorAuthExchangeFilter.this.authenticator.answered(token, rejection);
					return followRedirect(peeked.response());
				}
				return peeked.response()
					.releaseBody()
					.then(token(
							() -> ConductorAuthExchangeFilter.this.authenticator.replacementAsync(token, rejection)))
					.flatMap(this::replay);
			});
		}

		private Mono<ClientResponse> replay(String replayToken) {
			ClientRequest replay = withToken(this.body.replay(this.request), replayToken);
			return this.next.exchange(replay).flatMap((second) -> afterReplay(replay, replayToken, second));
		}

		private Mono<ClientResponse> afterReplay(ClientRequest replay, String token, ClientResponse response) {
			if (token.isEmpty()) {
				return followRedirect(response);
			}
			if (!ConductorAuthExchangeFilter.this.authenticator.detector().isCandidate(response.statusCode().value())) {
				ConductorAuthExchangeFilter.this.authenticator.accepted(token);
				return followRedirect(response);
			}
			return peek(response).flatMap((peeked) -> {
				ConductorAuthExchangeFilter.this.authenticator.answered(token, rejection(replay, peeked));
				return followRedirect(peeked.response());
			});
		}

		/**
		 * Follow a redirect that the connector left to this filter, putting the token
		 * only on the hops that stay within the Conductor API (the next exchange
		 * decides); the HTTP client follows those of a hop out of scope itself. A 307 or
		 * 308 that must send the body again is followed only when the body was recorded.
		 */
		private Mono<ClientResponse> followRedirect(ClientResponse response) {
			int status = response.statusCode().value();
			RedirectPolicy redirects = this.redirects;
			if (!Redirects.isRedirect(status) || redirects == RedirectPolicy.DONT_FOLLOW
					|| this.hops >= Redirects.MAX_HOPS) {
				return Mono.just(response);
			}
			Redirects.Hop hop = Redirects.next(redirects, this.request.method().name(), this.request.url(), status,
					response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION));
			if (hop == null || (hop.keepsBody() && !this.body.isReplayable())) {
				return Mono.just(response);
			}
			ClientRequest redirected = redirected(this.request, hop, this.body);
			if (!ConductorAuthExchangeFilter.this.authenticator.appliesTo(redirected.url())) {
				// out of scope: its HTTP client follows the hop's redirects as it was
				// built to
				return response.releaseBody().then(this.next.exchange(redirected));
			}
			// the hop's body is the recorded bytes (or none), never the original
			// publisher again
			return response.releaseBody()
				.then(exchange(redirected, ReplayableRequestBody.of(redirected.body()), this.next, this.hops + 1));
		}

		/**
		 * The request to send: with the token, or without our header when the server has
		 * no security, and with this exchange looking at it as it goes out.
		 */
		private ClientRequest withToken(ClientRequest request, String token) {
			String headerName = ConductorAuthExchangeFilter.this.authenticator.getHeaderName();
			return ClientRequest.from(request).headers((headers) -> {
				if (token.isEmpty()) {
					HeaderRemoval.remove(headers, headerName);
				}
				else {
					headers.set(headerName, ConductorAuthExchangeFilter.this.authenticator.headerValue(token));
				}
			}).httpRequest(this).build();
		}

	}

	private record Peeked(ClientResponse response, byte[] prefix, int prefixLength) {
	}

}
