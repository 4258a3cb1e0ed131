package dev.conductor.auth.benchmarks.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.FastByteArrayOutputStream;

/**
 * A {@link ClientHttpRequestFactory} on OkHttp, so that in the scenarios our
 * {@code RestClient} sends its requests with the same HTTP client as the official client
 * (OkHttp 4) and only the authentication differs. Spring Framework 7 has no OkHttp
 * request factory any more; this one does the least a scenario needs: buffered bodies,
 * headers, status.
 */
final class OkHttpRequestFactory implements ClientHttpRequestFactory {

	private final OkHttpClient client;

	OkHttpRequestFactory(OkHttpClient client) {
		this.client = client;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new OkHttpRequest(this.client, uri, httpMethod);
	}

	private static final class OkHttpRequest extends AbstractClientHttpRequest {

		private final OkHttpClient client;

		private final URI uri;

		private final HttpMethod method;

		private final FastByteArrayOutputStream body = new FastByteArrayOutputStream(256);

		OkHttpRequest(OkHttpClient client, URI uri, HttpMethod method) {
			this.client = client;
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
		protected java.io.OutputStream getBodyInternal(HttpHeaders headers) {
			return this.body;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers) throws IOException {
			Request.Builder builder = new Request.Builder().url(this.uri.toString());
			headers.forEach((name, values) -> values.forEach((value) -> builder.addHeader(name, value)));
			RequestBody requestBody = null;
			if (this.body.size() > 0 || this.method == HttpMethod.POST || this.method == HttpMethod.PUT
					|| this.method == HttpMethod.PATCH) {
				String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
				requestBody = RequestBody.create(this.body.toByteArrayUnsafe(),
						(contentType != null) ? MediaType.parse(contentType) : null);
			}
			builder.method(this.method.name(), requestBody);
			return new OkHttpResponse(this.client.newCall(builder.build()).execute());
		}

	}

	private static final class OkHttpResponse implements ClientHttpResponse {

		private final Response response;

		private @Nullable HttpHeaders headers;

		OkHttpResponse(Response response) {
			this.response = response;
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.response.code());
		}

		@Override
		public String getStatusText() {
			return this.response.message();
		}

		@Override
		public HttpHeaders getHeaders() {
			HttpHeaders headers = this.headers;
			if (headers == null) {
				headers = new HttpHeaders();
				for (Map.Entry<String, List<String>> header : this.response.headers().toMultimap().entrySet()) {
					headers.addAll(header.getKey(), header.getValue());
				}
				this.headers = headers;
			}
			return headers;
		}

		@Override
		public InputStream getBody() {
			ResponseBody body = this.response.body();
			return (body != null) ? body.byteStream() : InputStream.nullInputStream();
		}

		@Override
		public void close() {
			this.response.close();
		}

	}

}
