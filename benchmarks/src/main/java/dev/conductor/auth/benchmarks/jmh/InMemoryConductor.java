package dev.conductor.auth.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The last OkHttp interceptor of the official client in the benchmarks: it answers every
 * request in memory, never proceeding to the network. The token endpoint gets a token
 * valid for an hour, every other path 200 {@code []}.
 */
final class InMemoryConductor implements Interceptor {

	/**
	 * The token of the benchmarks: a JWT that expires in an hour.
	 */
	static final String TOKEN = jwt(Instant.now().plus(Duration.ofHours(1)));

	private static final MediaType JSON = MediaType.get("application/json");

	private static final String TOKEN_ANSWER = "{\"token\":\"" + TOKEN + "\"}";

	@Override
	public Response intercept(Chain chain) {
		Request request = chain.request();
		String body = request.url().encodedPath().endsWith("/token") ? TOKEN_ANSWER : "[]";
		return new Response.Builder().request(request)
			.protocol(Protocol.HTTP_1_1)
			.code(200)
			.message("OK")
			.body(ResponseBody.create(body, JSON))
			.build();
	}

	private static String jwt(Instant exp) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String payload = base64.encodeToString(
				("{\"sub\":\"benchmark\",\"exp\":" + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + "." + base64.encodeToString(new byte[32]);
	}

}
