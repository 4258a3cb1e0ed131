package dev.conductor.auth.autoconfigure;

import java.io.InputStream;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata that IDEs complete {@code conductor.auth.*} from: every property has a
 * description, the defaults are there, and the hand-written hints were merged.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDescribed() throws Exception {
		Map<String, JsonNode> properties = properties();
		assertThat(properties).containsKeys("conductor.auth.enabled", "conductor.auth.base-url",
				"conductor.auth.key-id", "conductor.auth.key-secret", "conductor.auth.token-path",
				"conductor.auth.header-name", "conductor.auth.token-ttl", "conductor.auth.refresh-before-expiry",
				"conductor.auth.clock-skew", "conductor.auth.acquire-timeout", "conductor.auth.refresh-errors",
				"conductor.auth.retry.max-attempts", "conductor.auth.retry.initial-interval",
				"conductor.auth.retry.multiplier", "conductor.auth.retry.max-interval",
				"conductor.auth.exit-on-failure", "conductor.auth.exit-code", "conductor.auth.fail-fast",
				"management.health.conductor-auth.enabled");
		assertThat(properties.values()).allSatisfy(
				(property) -> assertThat(property.path("description").asString()).as(property.path("name").asString())
					.isNotBlank()
					.endsWith("."));
	}

	@Test
	void theDefaultsAreInTheMetadata() throws Exception {
		Map<String, JsonNode> properties = properties();
		assertThat(properties.get("conductor.auth.token-ttl").path("defaultValue").asString()).isEqualTo("45m");
		assertThat(properties.get("conductor.auth.retry.max-attempts").path("defaultValue").asInt()).isEqualTo(5);
		assertThat(properties.get("conductor.auth.refresh-errors").path("defaultValue").toString())
			.isEqualTo("[\"EXPIRED_TOKEN\",\"INVALID_TOKEN\"]");
	}

	@Test
	void theDescriptionsStateTheBoundsThatStartupEnforces() throws Exception {
		Map<String, JsonNode> properties = properties();
		for (String property : new String[] { "token-ttl", "refresh-before-expiry", "clock-skew",
				"retry.initial-interval", "retry.max-interval" }) {
			assertThat(description(properties, property)).endsWith("At most 24h.");
		}
		for (String property : new String[] { "acquire-timeout", "connect-timeout", "read-timeout" }) {
			assertThat(description(properties, property)).endsWith("At most 1h.");
		}
		assertThat(description(properties, "retry.multiplier")).endsWith("from 1 to 10.");
		assertThat(description(properties, "retry.max-attempts")).endsWith("from 1 to 100.");
	}

	private static String description(Map<String, JsonNode> properties, String property) {
		return properties.get("conductor.auth." + property).path("description").asString();
	}

	private static Map<String, JsonNode> properties() throws Exception {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			JsonNode metadata = JsonMapper.shared().readTree(in);
			return StreamSupport.stream(metadata.path("properties").spliterator(), false)
				.collect(Collectors.toMap((property) -> property.path("name").asString(), (property) -> property));
		}
	}

}
