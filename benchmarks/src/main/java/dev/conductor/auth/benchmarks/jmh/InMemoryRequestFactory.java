package dev.conductor.auth.benchmarks.jmh;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.AbstractClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A request factory for the {@code RestClient} benchmarks that answers every request in
 * memory with 200 {@code []}, never touching the network.
 */
final class InMemoryRequestFactory implements ClientHttpRequestFactory {

	private static final byte[] BODY = "[]".getBytes(StandardCharsets.UTF_8);

	private static final HttpHeaders HEADERS;

	static {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setContentLength(BODY.length);
		HEADERS = HttpHeaders.readOnlyHttpHeaders(headers);
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new InMemoryRequest(uri, httpMethod);
	}

	private static final class InMemoryRequest extends AbstractClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		InMemoryRequest(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected OutputStream getBodyInternal(HttpHeaders headers) {
			return OutputStream.nullOutputStream();
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers) {
			return new InMemoryResponse();
		}

	}

	private static final class InMemoryResponse implements ClientHttpResponse {

		private final InputStream body = new ByteArrayInputStream(BODY);

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return HEADERS;
		}

		@Override
		public InputStream getBody() {
			return this.body;
		}

		@Override
		public void close() {
		}

	}

}
