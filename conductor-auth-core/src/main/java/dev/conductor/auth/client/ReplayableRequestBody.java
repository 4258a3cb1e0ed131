package dev.conductor.auth.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * The body of a {@code WebClient} request, made replayable: the bytes written the first
 * time (up to {@link #MAX_RECORDED_BYTES}) and the content type its writer chose are
 * kept, so that a replay sends the same body even when the original came from a one-shot
 * publisher. A body that is larger, streamed with flushes, or not written is not
 * replayable.
 */
final class ReplayableRequestBody {

	static final int MAX_RECORDED_BYTES = 1024 * 1024;

	/**
	 * The body of a request without one: it records nothing, so every such request shares
	 * it.
	 */
	private static final ReplayableRequestBody EMPTY = new ReplayableRequestBody(BodyInserters.empty());

	private final BodyInserter<?, ? super ClientHttpRequest> original;

	private final boolean empty;

	private volatile byte @Nullable [] recorded;

	private volatile @Nullable MediaType contentType;

	private ReplayableRequestBody(BodyInserter<?, ? super ClientHttpRequest> original) {
		this.original = original;
		this.empty = original == BodyInserters.empty();
	}

	static ReplayableRequestBody of(BodyInserter<?, ? super ClientHttpRequest> body) {
		return (body == BodyInserters.empty()) ? EMPTY : new ReplayableRequestBody(body);
	}

	/**
	 * The inserter to send the first time: the original, recording what it writes.
	 */
	BodyInserter<?, ? super ClientHttpRequest> inserter() {
		return this.empty ? this.original : (ClientHttpRequest request, BodyInserter.Context context) -> this.original
			.insert(new Recording(request), context);
	}

	boolean isEmpty() {
		return this.empty;
	}

	boolean isReplayable() {
		return this.empty || this.recorded != null;
	}

	/**
	 * The request to send again, with the recorded body.
	 */
	ClientRequest replay(ClientRequest request) {
		byte[] bytes = this.recorded;
		if (this.empty || bytes == null) {
			return request;
		}
		MediaType recordedType = this.contentType;
		return ClientRequest.from(request).headers((headers) -> {
			if (headers.getContentType() == null && recordedType != null) {
				headers.setContentType(recordedType);
			}
		})
			.body(BodyInserters
				.fromDataBuffers(Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(bytes))))
			.build();
	}

	private final class Recording extends ClientHttpRequestDecorator {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private boolean tooLarge;

		Recording(ClientHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			ReplayableRequestBody.this.contentType = getHeaders().getContentType();
			Publisher<? extends DataBuffer> recording = (body instanceof Mono<? extends DataBuffer> mono)
					? mono.doOnNext(this::record).doOnSuccess((ignored) -> done())
					: Flux.from(body).doOnNext(this::record).doOnComplete(this::done);
			return super.writeWith(recording);
		}

		@Override
		public Mono<Void> setComplete() {
			ReplayableRequestBody.this.recorded = new byte[0];
			return super.setComplete();
		}

		private void record(DataBuffer buffer) {
			int length = buffer.readableByteCount();
			if (this.tooLarge || this.bytes.size() + length > MAX_RECORDED_BYTES) {
				this.tooLarge = true;
				return;
			}
			ByteBuffer copy = ByteBuffer.allocate(length);
			buffer.toByteBuffer(buffer.readPosition(), copy, 0, length);
			this.bytes.write(copy.array(), 0, length);
		}

		private void done() {
			if (!this.tooLarge) {
				ReplayableRequestBody.this.recorded = this.bytes.toByteArray();
			}
		}

	}

}
