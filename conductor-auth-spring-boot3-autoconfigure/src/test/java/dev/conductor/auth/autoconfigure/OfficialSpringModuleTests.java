package dev.conductor.auth.autoconfigure;

import java.net.URI;
import java.util.List;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.conductor.auth.client.ConductorAuthHeaderSupplier;
import dev.conductor.auth.test.CapturingAppender;
import dev.conductor.auth.token.ConductorTokenManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How conductor-auth coexists with the official Spring Boot 3 module
 * ({@code conductor-client-spring}) on conductor-client 4: conductor-auth's client is a
 * {@link ConductorClient}, which the module's {@code ConductorClient} backs off for; the
 * module's {@code @Primary} {@code ApiClient}, which is {@code null} without a URL of the
 * module's, breaks no injection; with a URL it wins and is warned about. The module is
 * played by the stand-ins of this module ({@code com.netflix.conductor.client.spring} and
 * {@code io.orkes.conductor.client.spring} in these tests).
 */
class OfficialSpringModuleTests {

	private static final String BASE_URL = "https://conductor.example/api";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
				ConductorAuthJavaClientAutoConfiguration.class,
				com.netflix.conductor.client.spring.ConductorClientAutoConfiguration.class,
				io.orkes.conductor.client.spring.OrkesConductorClientAutoConfiguration.class))
		.withPropertyValues("conductor.auth.base-url=" + BASE_URL, "conductor.auth.key-id=id",
				"conductor.auth.key-secret=secret", "conductor.auth.token-ttl=1h")
		// no mint: these tests call no server
		.withBean(ConductorTokenManager.class,
				() -> ConductorTokenManager.builder(URI.create(BASE_URL + "/token"), "id", "secret").build());

	@BeforeEach
	void forgetWarnings() {
		CapturingAppender.drain();
	}

	@Test
	void theirNullPrimaryClientBreaksNoInjectionAndTheirBeansUseConductorAuthsClient() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			ConductorClient client = context.getBean(ConductorClient.class);
			assertThat(context.getBean(ConductorAuthHeaderSupplier.class).serves(client)).isTrue();
			// their TaskClient, built from conductor-auth's client, not from their null
			// one
			assertThat(context).hasSingleBean(TaskClient.class);
			assertThat(context.getBean(TaskClient.class)).extracting("client").isSameAs(client);
			assertThat(warnings()).isEmpty();
		});
	}

	@Test
	void aUserClientIsInjectedEvenNextToTheirNullPrimaryClient() {
		ConductorClient mine = ConductorClient.builder().basePath(BASE_URL).build();
		this.runner.withBean("myClient", ConductorClient.class, () -> mine).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ConductorClient.class)).isSameAs(mine);
			assertThat(context.getBean(TaskClient.class)).extracting("client").isSameAs(mine);
		});
	}

	@Test
	void withTheirRootUriTheirPrimaryClientWinsAndIsWarnedAbout() {
		this.runner.withPropertyValues("conductor.client.root-uri=" + BASE_URL).run((context) -> {
			assertThat(context.getBeanNamesForType(ConductorClient.class)).containsExactlyInAnyOrder("conductorClient",
					"orkesConductorClient");
			assertThat(context.getBean(ConductorClient.class))
				.isInstanceOf(io.orkes.conductor.client.spring.OrkesConductorClientAutoConfiguration.ApiClient.class);
			assertThat(warnings()).singleElement()
				.asString()
				.contains("The ConductorClient bean 'orkesConductorClient' is not built with conductor-auth's");
		});
	}

	@Test
	void withTheOlderModulesServerUrlTheirPrimaryClientWinsToo() {
		this.runner.withPropertyValues("conductor.server.url=" + BASE_URL)
			.run((context) -> assertThat(context.getBean(ConductorClient.class))
				.isInstanceOf(io.orkes.conductor.client.spring.OrkesConductorClientAutoConfiguration.ApiClient.class));
	}

	@Test
	void theirCredentialsAreFallbacksAndDrawNoWarning() {
		this.runner
			.withPropertyValues("conductor.client.key-id=their-id", "conductor.client.secret=their-secret",
					"conductor.security.client.key-id=their-id")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(warnings()).isEmpty();
			});
	}

	private static List<String> warnings() {
		return CapturingAppender.lines()
			.stream()
			.filter((line) -> line.startsWith(ConductorJavaClientCoexistenceCheck.class.getName()))
			.toList();
	}

}
