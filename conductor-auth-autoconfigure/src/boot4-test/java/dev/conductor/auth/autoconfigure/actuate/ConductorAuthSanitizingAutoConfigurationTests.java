package dev.conductor.auth.autoconfigure.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key secret, under every name conductor-auth reads it from, as a reactive web
 * application shows it over HTTP on {@code /actuator/env} and
 * {@code /actuator/configprops} with {@code show-values=always}: masked, while the values
 * next to it stay visible; and the conditions of
 * {@link ConductorAuthSanitizingAutoConfiguration}.
 */
class ConductorAuthSanitizingAutoConfigurationTests {

	// a secret of its own for each name, so that a leak says which name leaked
	private static final Map<String, String> SECRETS = Map.of("conductor.auth.key-secret", TestTokens.KEY_SECRET,
			"conductor.security.client.secret", secret("security"), "CONDUCTOR_AUTH_SECRET", secret("env-auth"),
			"CONDUCTOR_AUTH_KEY_SECRET", secret("env-auth-key"), "CONDUCTOR_CLIENT_SECRET", secret("env-client"),
			"CONDUCTOR_SECURITY_CLIENT_SECRET", secret("env-security"), "VAULT_CONDUCTOR_KEY", secret("vault"),
			"CONDUCTOR_SERVER_AUTH_SECRET", secret("env-server-auth"));

	private static final TokenServer server = new TokenServer();

	private static ConfigurableApplicationContext context;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConductorAuthSanitizingAutoConfiguration.class));

	private static int port;

	@BeforeAll
	static void start() {
		server.start().issuesTokens();
		context = new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
			.initializers((applicationContext) -> applicationContext.getEnvironment()
				.getPropertySources()
				.addLast(new SystemEnvironmentPropertySource("environmentVariables",
						Map.of("CONDUCTOR_AUTH_SECRET", SECRETS.get("CONDUCTOR_AUTH_SECRET"),
								"CONDUCTOR_AUTH_KEY_SECRET", SECRETS.get("CONDUCTOR_AUTH_KEY_SECRET"),
								"CONDUCTOR_CLIENT_SECRET", SECRETS.get("CONDUCTOR_CLIENT_SECRET"),
								"CONDUCTOR_SECURITY_CLIENT_SECRET", SECRETS.get("CONDUCTOR_SECURITY_CLIENT_SECRET"),
								"VAULT_CONDUCTOR_KEY", SECRETS.get("VAULT_CONDUCTOR_KEY"),
								"CONDUCTOR_SERVER_AUTH_SECRET", SECRETS.get("CONDUCTOR_SERVER_AUTH_SECRET")))))
			.run("--server.port=0", "--spring.main.banner-mode=off",
					"--management.endpoints.web.exposure.include=env,configprops",
					"--management.endpoint.env.show-values=always",
					"--management.endpoint.configprops.show-values=always",
					"--conductor.auth.base-url=" + server.baseUrl(), "--conductor.auth.key-id=" + TestTokens.KEY_ID,
					"--conductor.auth.key-secret=" + SECRETS.get("conductor.auth.key-secret"),
					"--conductor.security.client.secret=" + SECRETS.get("conductor.security.client.secret"),
					// a secret read through a placeholder from a variable of the user's
					// choosing
					"--conductor.client.secret=${VAULT_CONDUCTOR_KEY}", "--my.neighbour=visible-value");
		port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		server.wiremock().stop();
	}

	@Test
	void theEnvEndpointMasksTheSecretUnderEveryName() throws Exception {
		String body = get("/actuator/env");
		assertThat(SECRETS.values()).allSatisfy((secret) -> assertThat(body).doesNotContain(secret));
		JsonNode sources = JsonMapper.shared().readTree(body).path("propertySources");
		assertThat(value(sources, "commandLineArgs", "conductor.auth.key-secret")).isEqualTo("******");
		assertThat(value(sources, "commandLineArgs", "conductor.client.secret")).isEqualTo("******");
		assertThat(value(sources, "commandLineArgs", "conductor.security.client.secret")).isEqualTo("******");
		for (String name : List.of("CONDUCTOR_AUTH_SECRET", "CONDUCTOR_AUTH_KEY_SECRET", "CONDUCTOR_CLIENT_SECRET",
				"CONDUCTOR_SECURITY_CLIENT_SECRET", "VAULT_CONDUCTOR_KEY", "CONDUCTOR_SERVER_AUTH_SECRET")) {
			assertThat(value(sources, "environmentVariables", name)).as(name).isEqualTo("******");
		}
		// the values next to them are shown as they are
		assertThat(value(sources, "commandLineArgs", "conductor.auth.key-id")).isEqualTo(TestTokens.KEY_ID);
		assertThat(value(sources, "commandLineArgs", "conductor.auth.base-url")).isEqualTo(server.baseUrl());
		assertThat(value(sources, "commandLineArgs", "my.neighbour")).isEqualTo("visible-value");
	}

	@Test
	void theEnvEndpointMasksASingleSecretProperty() throws Exception {
		String body = get("/actuator/env/conductor.auth.key-secret");
		assertThat(body).doesNotContain(TestTokens.KEY_SECRET);
		assertThat(JsonMapper.shared().readTree(body).at("/property/value").asString()).isEqualTo("******");
		assertThat(JsonMapper.shared()
			.readTree(get("/actuator/env/conductor.auth.key-id"))
			.at("/property/value")
			.asString()).isEqualTo(TestTokens.KEY_ID);
	}

	@Test
	void theConfigpropsEndpointMasksTheSecret() throws Exception {
		String body = get("/actuator/configprops");
		assertThat(SECRETS.values()).allSatisfy((secret) -> assertThat(body).doesNotContain(secret));
		JsonNode ours = JsonMapper.shared()
			.readTree(body)
			.findValue("conductor.auth-dev.conductor.auth.autoconfigure.ConductorAuthProperties");
		assertThat(ours).as("the bean of conductor.auth.* in " + body).isNotNull();
		assertThat(ours.at("/properties/keySecret").asString()).isEqualTo("******");
		assertThat(ours.at("/inputs/keySecret/value").asString()).isEqualTo("******");
		assertThat(ours.at("/properties/keyId").asString()).isEqualTo(TestTokens.KEY_ID);
		assertThat(ours.at("/properties/baseUrl").asString()).isEqualTo(server.baseUrl());
		assertThat(ours.at("/properties/tokenTtl").asString()).isEqualTo("PT45M");
	}

	@Test
	void masksEvenWhenConductorAuthIsOff() {
		// the secret stays in the configuration of an application that turns the starter
		// off
		this.runner.withPropertyValues("conductor.auth.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ConductorAuthSanitizingFunction.class));
	}

	@Test
	void noSanitizingFunctionWithoutTheActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ConductorAuthSanitizingFunction.class));
	}

	private static String value(JsonNode sources, String source, String property) {
		for (JsonNode candidate : sources) {
			if (candidate.path("name").asString().equals(source)) {
				JsonNode value = candidate.path("properties").path(property).path("value");
				assertThat(value.isMissingNode()).as(property + " in " + source).isFalse();
				return value.asString();
			}
		}
		throw new AssertionError("No property source " + source + " in " + sources);
	}

	private static String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static String secret(String name) {
		return name + "-secret-" + UUID.randomUUID();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
