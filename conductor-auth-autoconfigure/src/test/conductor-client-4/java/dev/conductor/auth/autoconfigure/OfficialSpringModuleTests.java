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
 * How conductor-auth coexists with the official Spring modules on conductor-client 4,
 * which has no {@code io.orkes.conductor.client.ApiClient}: conductor-auth's client is a
 * {@link ConductorClient}, which the module's {@code ConductorClient} backs off for; a
 * {@code @Primary} client of the module that is not a {@code ConductorClient} of
 * conductor-auth's is warned about. The modules are played by the stand-ins of this line
 * ({@code com.netflix.conductor.client.spring} and
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
	void theirBeansUseConductorAuthsClient() {
		this.runner.run((context) -> {
			assertThat(context.getBeanNamesForType(ConductorClient.class)).containsExactly("conductorClient");
			ConductorClient client = context.getBean(ConductorClient.class);
			assertThat(context.getBean(ConductorAuthHeaderSupplier.class).serves(client)).isTrue();
			// their TaskClient, built from the only ConductorClient there is
			assertThat(context).hasSingleBean(TaskClient.class);
			assertThat(warnings()).isEmpty();
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
	void theirCredentialsAreFallbacksAndDrawNoWarning() {
		// they used to draw a warning: conductor-auth now reads them when its own are
		// unset
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
