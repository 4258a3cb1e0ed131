package dev.conductor.auth.autoconfigure.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
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
 * {@link ConductorAuthSanitizingAutoConfiguration}. Shared by both Boot lines: it reads
 * the port from {@code local.server.port} and the answers with JsonPath, since the web
 * server's context classes and Jackson moved between Boot 3 and 4.
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
		port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
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
		DocumentContext env = JsonPath.parse(body);
		assertThat(value(env, "commandLineArgs", "conductor.auth.key-secret")).isEqualTo("******");
		assertThat(value(env, "commandLineArgs", "conductor.client.secret")).isEqualTo("******");
		assertThat(value(env, "commandLineArgs", "conductor.security.client.secret")).isEqualTo("******");
		for (String name : List.of("CONDUCTOR_AUTH_SECRET", "CONDUCTOR_AUTH_KEY_SECRET", "CONDUCTOR_CLIENT_SECRET",
				"CONDUCTOR_SECURITY_CLIENT_SECRET", "VAULT_CONDUCTOR_KEY", "CONDUCTOR_SERVER_AUTH_SECRET")) {
			assertThat(value(env, "environmentVariables", name)).as(name).isEqualTo("******");
		}
		// the values next to them are shown as they are
		assertThat(value(env, "commandLineArgs", "conductor.auth.key-id")).isEqualTo(TestTokens.KEY_ID);
		assertThat(value(env, "commandLineArgs", "conductor.auth.base-url")).isEqualTo(server.baseUrl());
		assertThat(value(env, "commandLineArgs", "my.neighbour")).isEqualTo("visible-value");
	}

	@Test
	void theEnvEndpointMasksASingleSecretProperty() throws Exception {
		String body = get("/actuator/env/conductor.auth.key-secret");
		assertThat(body).doesNotContain(TestTokens.KEY_SECRET);
		assertThat(JsonPath.parse(body).read("$.property.value", String.class)).isEqualTo("******");
		assertThat(JsonPath.parse(get("/actuator/env/conductor.auth.key-id")).read("$.property.value", String.class))
			.isEqualTo(TestTokens.KEY_ID);
	}

	@Test
	void theConfigpropsEndpointMasksTheSecret() throws Exception {
		String body = get("/actuator/configprops");
		assertThat(SECRETS.values()).allSatisfy((secret) -> assertThat(body).doesNotContain(secret));
		List<Map<String, Object>> beans = JsonPath.parse(body)
			.read("$.contexts.*.beans['conductor.auth-dev.conductor.auth.autoconfigure.ConductorAuthProperties']");
		assertThat(beans).as("the bean of conductor.auth.* in " + body).hasSize(1);
		DocumentContext ours = JsonPath.parse(beans.get(0));
		assertThat(ours.read("$.properties.keySecret", String.class)).isEqualTo("******");
		assertThat(ours.read("$.inputs.keySecret.value", String.class)).isEqualTo("******");
		assertThat(ours.read("$.properties.keyId", String.class)).isEqualTo(TestTokens.KEY_ID);
		assertThat(ours.read("$.properties.baseUrl", String.class)).isEqualTo(server.baseUrl());
		assertThat(ours.read("$.properties.tokenTtl", String.class)).isEqualTo("PT45M");
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

	private static String value(DocumentContext env, String source, String property) {
		List<Object> values = env
			.read("$.propertySources[?(@.name == '" + source + "')].properties['" + property + "'].value");
		assertThat(values).as(property + " in " + source + " of " + env.jsonString()).hasSize(1);
		return (String) values.get(0);
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
