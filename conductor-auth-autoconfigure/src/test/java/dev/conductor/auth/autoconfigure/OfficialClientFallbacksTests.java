package dev.conductor.auth.autoconfigure;

import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.jayway.jsonpath.JsonPath;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names of the official Conductor Java client that conductor-auth falls back to
 * ({@link OfficialClientFallbacks}), in real contexts over HTTP: an application
 * configured only by the official Spring module's properties, or only by the SDK's
 * environment variables, mints one token with them and polls with it; conductor-auth's
 * own names win, then the module's, then the variables; a missing value names every
 * fallback; the metadata documents them. The machine's environment is replaced by the
 * variables each test gives, so that nothing outside the test can supply a value.
 */
class OfficialClientFallbacksTests {

	private static final String POLL = "/api/tasks/poll/hello";

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(ConductorAuthAutoConfiguration.class, ConductorAuthJavaClientAutoConfiguration.class));

	static Stream<Arguments> everyFallback() {
		String url = server.baseUrl();
		// an id of each application's own, so that a token request of an earlier one,
		// still
		// on its way when it closed, is not counted as this one's
		String id = TestTokens.KEY_ID + "-" + UUID.randomUUID();
		String secret = TestTokens.KEY_SECRET;
		return Stream.of(
				Arguments.of("the module's root-uri, key-id and secret",
						Map.of("conductor.client.root-uri", url, "conductor.client.key-id", id,
								"conductor.client.secret", secret),
						Map.of()),
				Arguments.of("the module's base-path and keyId",
						Map.of("conductor.client.base-path", url, "conductor.client.keyId", id,
								"conductor.client.secret", secret),
						Map.of()),
				Arguments.of("the older module's server.url and security.client names",
						Map.of("conductor.server.url", url, "conductor.security.client.key-id", id,
								"conductor.security.client.secret", secret),
						Map.of()),
				Arguments.of("the older module's security.client.keyId",
						Map.of("conductor.server.url", url, "conductor.security.client.keyId", id,
								"conductor.security.client.secret", secret),
						Map.of()),
				Arguments.of("the SDK's variables", Map.of(),
						Map.of("CONDUCTOR_SERVER_URL", url, "CONDUCTOR_AUTH_KEY", id, "CONDUCTOR_AUTH_SECRET", secret)),
				Arguments.of("the SDK's older variables", Map.of(),
						Map.of("CONDUCTOR_SERVER_URL", url, "CONDUCTOR_SERVER_AUTH_KEY", id,
								"CONDUCTOR_SERVER_AUTH_SECRET", secret)),
				Arguments.of("the module's names in the environment", Map.of(), Map.of("CONDUCTOR_CLIENT_ROOT_URI", url,
						"CONDUCTOR_CLIENT_KEY_ID", id, "CONDUCTOR_CLIENT_SECRET", secret)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyFallback")
	void anApplicationConfiguredOnlyByTheOfficialClientsNamesMintsOnceAndPollsWithTheToken(String description,
			Map<String, String> properties, Map<String, String> variables) {
		server.issuesTokens();
		server.wiremock().stubFor(get(urlPathEqualTo(POLL)).willReturn(okJson("{\"taskId\":\"t-1\"}")));
		withEnvironment(this.runner, variables).withPropertyValues(toPairs(properties)).run((context) -> {
			assertThat(context).hasNotFailed();
			new TaskClient(context.getBean(ConductorClient.class)).pollTask("hello", "worker-1", null);
			String keyId = context.getBean(ConductorAuthSettings.class).keyId();
			assertThat(keyId).startsWith(TestTokens.KEY_ID + "-");
			assertThat(server.tokenRequests()).filteredOn((request) -> request.getBodyAsString().contains(keyId))
				.singleElement()
				.satisfies((request) -> assertThat(request.getBodyAsString())
					.isEqualTo("{\"keyId\":\"" + keyId + "\",\"keySecret\":\"" + TestTokens.KEY_SECRET + "\"}"));
			assertThat(polls()).singleElement()
				.satisfies((poll) -> assertThat(poll.getHeader("X-Authorization")).isEqualTo(server.lastIssued()));
		});
	}

	@Test
	void conductorAuthsNamesWinThenTheModulesThenTheOlderModulesThenTheVariables() {
		String base = server.wiremock().baseUrl();
		ApplicationContextRunner everyName = withEnvironment(this.runner,
				Map.of("CONDUCTOR_SERVER_URL", base + "/variable", "CONDUCTOR_AUTH_KEY", "variable-id",
						"CONDUCTOR_AUTH_SECRET", "variable-secret"))
			// no mint: these contexts only resolve the settings
			.withBean(ConductorTokenManager.class,
					() -> ConductorTokenManager.builder(server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
						.build());
		everyName.run((context) -> assertThat(settings(context)).containsExactly(base + "/variable", "variable-id",
				"variable-secret"));
		ApplicationContextRunner olderModule = everyName.withPropertyValues(
				"conductor.server.url=" + base + "/older-module", "conductor.security.client.key-id=older-module-id",
				"conductor.security.client.secret=older-module-secret");
		olderModule.run((context) -> assertThat(settings(context)).containsExactly(base + "/older-module",
				"older-module-id", "older-module-secret"));
		ApplicationContextRunner module = olderModule.withPropertyValues(
				"conductor.client.root-uri=" + base + "/module", "conductor.client.key-id=module-id",
				"conductor.client.secret=module-secret");
		module.run((context) -> assertThat(settings(context)).containsExactly(base + "/module", "module-id",
				"module-secret"));
		module
			.withPropertyValues("conductor.auth.base-url=" + base + "/ours", "conductor.auth.key-id=our-id",
					"conductor.auth.key-secret=our-secret")
			.run((context) -> assertThat(settings(context)).containsExactly(base + "/ours", "our-id", "our-secret"));
	}

	@Test
	void aMissingBaseUrlNamesEveryFallback() {
		assertMissing(
				withEnvironment(this.runner, Map.of()).withPropertyValues("conductor.auth.key-id=id",
						"conductor.auth.key-secret=" + TestTokens.KEY_SECRET),
				"conductor.auth.base-url", OfficialClientFallbacks.BASE_URL);
	}

	@Test
	void aMissingKeyIdNamesEveryFallback() {
		assertMissing(
				withEnvironment(this.runner, Map.of()).withPropertyValues("conductor.auth.base-url=" + server.baseUrl(),
						"conductor.auth.key-secret=" + TestTokens.KEY_SECRET),
				"conductor.auth.key-id", OfficialClientFallbacks.KEY_ID);
	}

	@Test
	void aMissingKeySecretNamesEveryFallback() {
		assertMissing(withEnvironment(this.runner, Map.of())
			.withPropertyValues("conductor.auth.base-url=" + server.baseUrl(), "conductor.auth.key-id=id"),
				"conductor.auth.key-secret", OfficialClientFallbacks.KEY_SECRET);
	}

	@Test
	void theMetadataNamesEveryFallback() throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			Map<String, String> descriptions = new LinkedHashMap<>();
			List<Map<String, Object>> properties = JsonPath.parse(in).read("$.properties");
			properties.forEach((property) -> descriptions.put((String) property.get("name"),
					(String) property.get("description")));
			for (OfficialClientFallbacks fallbacks : List.of(OfficialClientFallbacks.BASE_URL,
					OfficialClientFallbacks.KEY_ID, OfficialClientFallbacks.KEY_SECRET)) {
				String description = descriptions.get("conductor.auth." + fallbacks.property());
				assertThat(description).as(fallbacks.property()).isNotNull();
				for (String name : fallbacks.names()) {
					// keyId is written "key-id (or keyId)"
					String written = name.endsWith(".keyId") ? "or keyId" : name;
					assertThat(description).as(fallbacks.property()).contains(written);
				}
			}
		}
	}

	private static List<String> settings(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		ConductorAuthSettings settings = context.getBean(ConductorAuthSettings.class);
		return List.of(settings.baseUrl().toString(), settings.keyId(), settings.keySecret());
	}

	private static void assertMissing(ApplicationContextRunner runner, String property,
			OfficialClientFallbacks fallbacks) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidConductorAuthPropertyFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + property + "'")
				.contains("it is missing or blank")
				.contains(fallbacks.names());
			assertThat(analysis.getAction()).contains(property).contains(fallbacks.names());
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(TestTokens.KEY_SECRET);
		});
	}

	/**
	 * Replace the machine's environment variables with {@code variables}, in the property
	 * source that Spring Boot reads them from.
	 */
	private static ApplicationContextRunner withEnvironment(ApplicationContextRunner runner,
			Map<String, String> variables) {
		return runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							new HashMap<String, Object>(variables))));
	}

	private static String[] toPairs(Map<String, String> properties) {
		return properties.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	private static List<LoggedRequest> polls() {
		return server.wiremock().findAll(getRequestedFor(urlPathEqualTo(POLL)));
	}

}
