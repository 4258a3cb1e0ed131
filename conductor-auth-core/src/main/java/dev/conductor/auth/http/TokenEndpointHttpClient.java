package dev.conductor.auth.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The HTTP client of one token endpoint: the JDK's (which unlike
 * {@code HttpURLConnection} keeps the body of a 401), HTTP/1.1, with a connect timeout
 * and a read timeout that bounds the whole answer, never following a redirect, on daemon
 * threads of its own that {@link #close()} stops. Its request factory carries no
 * interceptor: a token request never goes through an application's HTTP clients.
 *
 * <pre class="code">
 * TokenEndpointHttpClient http = new TokenEndpointHttpClient("conductor-auth-http-", connectTimeout, readTimeout);
 * RestClient restClient = RestClient.builder().requestFactory(http.requestFactory()).build();
 * </pre>
 */
public final class TokenEndpointHttpClient implements AutoCloseable {

	private final ExecutorService executor;

	private final HttpClient httpClient;

	private final JdkClientHttpRequestFactory requestFactory;

	/**
	 * Create a client.
	 * @param threadNamePrefix the prefix of its threads' names
	 * @param connectTimeout the longest wait for a connection
	 * @param readTimeout the longest wait for the whole answer
	 */
	public TokenEndpointHttpClient(String threadNamePrefix, Duration connectTimeout, Duration readTimeout) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(threadNamePrefix);
		threads.setDaemon(true);
		this.executor = Executors.newCachedThreadPool(threads);
		this.httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(connectTimeout)
			.executor(this.executor)
			.build();
		this.requestFactory = new JdkClientHttpRequestFactory(this.httpClient, this.executor);
		this.requestFactory.setReadTimeout(readTimeout);
	}

	/**
	 * Return the request factory to build a {@code RestClient} on.
	 * @return the request factory
	 */
	public ClientHttpRequestFactory requestFactory() {
		return this.requestFactory;
	}

	/**
	 * Stop the client's threads. A request in flight ends when the thread that waits for
	 * it is interrupted, or at its read timeout.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// from Java 21 on, the client owns a selector thread that close() stops; on Java
		// 17 that thread ends once the client is unreachable
		if (this.httpClient instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// closing is best effort: the executor is already shut down
			}
		}
	}

}
