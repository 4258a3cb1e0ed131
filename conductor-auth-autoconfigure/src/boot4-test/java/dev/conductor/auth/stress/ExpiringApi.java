package dev.conductor.auth.stress;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * The Conductor API of the stress test, as a WireMock transformer. It answers a valid
 * token with 200. On 1 % of calls it expires the token in use and from then on answers
 * that token with 401 {@code EXPIRED_TOKEN}, as a server that revokes tokens would: never
 * a token first used less than {@link #MIN_AGE_MILLIS} ago, and never within
 * {@link #COOL_DOWN_MILLIS} of the previous rejection, so that the replay of a rejected
 * request is never itself hit by the next one. It also rejects a token past its
 * {@code exp} (a request that took longer in transit than the clock-skew margin). Every
 * rejection starts the cool-down, a late one included: a burst of rejected requests is
 * replayed with one token, and a random expiry of that token would reject every replay at
 * once.
 */
final class ExpiringApi implements ResponseDefinitionTransformerV2 {

	static final String NAME = "expiring-api";

	static final long MIN_AGE_MILLIS = 300;

	/**
	 * The least time between a rejection and the next random expiry: a token's life. A
	 * replay that waits long for its new token must not meet the next expiry, which would
	 * be a second, independent rejection of one request.
	 */
	static final long COOL_DOWN_MILLIS = 2000;

	private static final String EXPIRED = "{\"message\":\"Token expired\",\"error\":\"EXPIRED_TOKEN\"}";

	private final Clock clock = Clock.systemUTC();

	private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

	private final Set<String> expired = ConcurrentHashMap.newKeySet();

	private final AtomicLong lastExpiry = new AtomicLong();

	final AtomicInteger accepted = new AtomicInteger();

	final AtomicInteger rejected = new AtomicInteger();

	final AtomicInteger pastExp = new AtomicInteger();

	final AtomicInteger withoutToken = new AtomicInteger();

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		String token = serveEvent.getRequest().getHeader("X-Authorization");
		if (token == null) {
			this.withoutToken.incrementAndGet();
			return answer(401, "{\"message\":\"Token cannot be null or empty\",\"error\":\"INVALID_TOKEN\"}");
		}
		Instant now = this.clock.instant();
		Instant seen = this.firstSeen.computeIfAbsent(token, (key) -> now);
		if (!now.isBefore(exp(token))) {
			this.pastExp.incrementAndGet();
			return reject(now);
		}
		if (this.expired.contains(token)) {
			return reject(now);
		}
		long last = this.lastExpiry.get();
		if (now.toEpochMilli() - seen.toEpochMilli() > MIN_AGE_MILLIS && now.toEpochMilli() - last > COOL_DOWN_MILLIS
				&& ThreadLocalRandom.current().nextInt(100) == 0
				&& this.lastExpiry.compareAndSet(last, now.toEpochMilli()) && this.expired.add(token)) {
			return reject(now);
		}
		this.accepted.incrementAndGet();
		return answer(200, "{\"ok\":true}");
	}

	/**
	 * The tokens this server expired at random: each may cost one mint.
	 */
	int expiredTokens() {
		return this.expired.size();
	}

	private ResponseDefinition reject(Instant now) {
		this.rejected.incrementAndGet();
		this.lastExpiry.accumulateAndGet(now.toEpochMilli(), Math::max);
		return answer(401, EXPIRED);
	}

	private static ResponseDefinition answer(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
	}

	private static Instant exp(String token) {
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		return Instant.ofEpochSecond(JsonMapper.shared().readTree(payload).path("exp").asLong());
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public String getName() {
		return NAME;
	}

}
