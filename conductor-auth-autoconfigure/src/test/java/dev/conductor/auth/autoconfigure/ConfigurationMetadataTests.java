package dev.conductor.auth.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata that IDEs complete {@code conductor.auth.*} from: every property has a
 * description, the defaults are there, and the hand-written hints were merged.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDescribed() throws Exception {
		Map<String, Map<String, Object>> properties = properties();
		assertThat(properties).containsKeys("conductor.auth.enabled", "conductor.auth.base-url",
				"conductor.auth.key-id", "conductor.auth.key-secret", "conductor.auth.token-path",
				"conductor.auth.header-name", "conductor.auth.token-ttl", "conductor.auth.refresh-before-expiry",
				"conductor.auth.clock-skew", "conductor.auth.acquire-timeout", "conductor.auth.refresh-errors",
				"conductor.auth.retry.max-attempts", "conductor.auth.retry.initial-interval",
				"conductor.auth.retry.multiplier", "conductor.auth.retry.max-interval",
				"conductor.auth.exit-on-failure", "conductor.auth.exit-code", "conductor.auth.fail-fast",
				"conductor.auth.header-prefix", "conductor.auth.rejection", "conductor.auth.oauth2.registration-id",
				"management.health.conductor-auth.enabled");
		assertThat(properties.values())
			.allSatisfy((property) -> assertThat((String) property.get("description")).as((String) property.get("name"))
				.isNotBlank()
				.endsWith("."));
	}

	@Test
	void theDefaultsAreInTheMetadata() throws Exception {
		Map<String, Map<String, Object>> properties = properties();
		assertThat(properties.get("conductor.auth.token-ttl").get("defaultValue")).isEqualTo("45m");
		assertThat(properties.get("conductor.auth.retry.max-attempts").get("defaultValue")).isEqualTo(5);
		// the header and the rejection rule follow the token source: no single default
		assertThat(properties.get("conductor.auth.refresh-errors")).doesNotContainKey("defaultValue");
		assertThat(description(properties, "refresh-errors")).contains("default EXPIRED_TOKEN,INVALID_TOKEN")
			.contains("default invalid_token");
	}

	@Test
	void theDescriptionsStateTheBoundsThatStartupEnforces() throws Exception {
		Map<String, Map<String, Object>> properties = properties();
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

	private static String description(Map<String, Map<String, Object>> properties, String property) {
		return (String) properties.get("conductor.auth." + property).get("description");
	}

	private static Map<String, Map<String, Object>> properties() throws Exception {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			List<Map<String, Object>> properties = JsonPath.parse(in).read("$.properties");
			return properties.stream()
				.collect(Collectors.toMap((property) -> (String) property.get("name"), (property) -> property));
		}
	}

}
