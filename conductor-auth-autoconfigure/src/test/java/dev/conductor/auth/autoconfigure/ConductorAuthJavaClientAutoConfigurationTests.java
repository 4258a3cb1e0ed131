package dev.conductor.auth.autoconfigure;

import java.net.URI;
import java.util.List;

import com.netflix.conductor.client.http.ConductorClient;
import okhttp3.Interceptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import dev.conductor.auth.client.ConductorAuthHeaderSupplier;
import dev.conductor.auth.client.ConductorAuthOkHttpInterceptor;
import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.test.CapturingAppender;
import dev.conductor.auth.token.ConductorTokenManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConductorAuthJavaClientAutoConfiguration}: the adapters and the client bean for
 * the official Conductor Java client, backing off without it, and the warnings about
 * clients that do not carry the token. How it coexists with the official Spring modules
 * depends on the conductor-client line: see {@code OfficialSpringModuleTests} in the
 * tests of each line.
 */
class ConductorAuthJavaClientAutoConfigurationTests {

	private static final String BASE_URL = "https://conductor.example/api";

	private static final String API_CLIENT = "io.orkes.conductor.client.ApiClient";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class,
				ConductorAuthJavaClientAutoConfiguration.class))
		.withPropertyValues("conductor.auth.base-url=" + BASE_URL, "conductor.auth.key-id=id",
				"conductor.auth.key-secret=secret", "conductor.auth.token-ttl=1h",
				// whatever this machine's environment holds: the official client's
				// variables
				// are blank unless a test sets them
				"CONDUCTOR_AUTH_KEY=", "CONDUCTOR_AUTH_SECRET=", "CONDUCTOR_SERVER_AUTH_KEY=",
				"CONDUCTOR_SERVER_AUTH_SECRET=")
		// no mint: these tests call no server
		.withBean(ConductorTokenManager.class,
				() -> ConductorTokenManager.builder(URI.create(BASE_URL + "/token"), "id", "secret").build());

	@BeforeEach
	void forgetWarnings() {
		CapturingAppender.drain();
	}

	@Test
	void registersTheAdaptersAndAConductorClientForTheBaseUrl() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ConductorAuthHeaderSupplier.class)
				.hasSingleBean(ConductorAuthOkHttpInterceptor.class)
				.hasSingleBean(ConductorClient.class)
				.hasSingleBean(TaskRunnerShutdownLifecycle.class);
			ConductorClient client = context.getBean(ConductorClient.class);
			assertThat(client.getBasePath()).isEqualTo(BASE_URL);
			assertThat(context.getBean(ConductorAuthHeaderSupplier.class).serves(client)).isTrue();
			// from conductor-client 5 on, the ApiClient that the official modules back
			// off for
			assertThat(client.getClass().getName())
				.isEqualTo(ClassUtils.isPresent(API_CLIENT, null) ? API_CLIENT : ConductorClient.class.getName());
			assertThat(context.getBeanNamesForType(ConductorClient.class)).containsExactly("conductorClient");
			assertThat(warnings()).isEmpty();
		});
	}

	@Test
	void backsOffWithoutTheJavaClient() {
		this.runner.withClassLoader(new FilteredClassLoader(ConductorClient.class))
			.run((context) -> assertThat(context).hasSingleBean(ConductorRequestAuthenticator.class)
				.doesNotHaveBean(ConductorAuthHeaderSupplier.class)
				.doesNotHaveBean(ConductorAuthOkHttpInterceptor.class)
				.doesNotHaveBean(TaskRunnerShutdownLifecycle.class));
	}

	@Test
	void backsOffWithoutOkHttp() {
		this.runner.withClassLoader(new FilteredClassLoader(Interceptor.class))
			.run((context) -> assertThat(context).hasSingleBean(ConductorRequestAuthenticator.class)
				.doesNotHaveBean(ConductorAuthOkHttpInterceptor.class));
	}

	@Test
	void nothingWhenDisabled() {
		this.runner.withPropertyValues("conductor.auth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConductorAuthHeaderSupplier.class)
				.doesNotHaveBean(ConductorAuthOkHttpInterceptor.class)
				.doesNotHaveBean(ConductorClient.class));
	}

	@Test
	void aUserConductorClientWinsAndIsWarnedAboutWhenBuiltWithoutTheSupplier() {
		this.runner.withBean("myClient", ConductorClient.class, () -> new ConductorClient(BASE_URL)).run((context) -> {
			assertThat(context.getBeanNamesForType(ConductorClient.class)).containsExactly("myClient");
			assertThat(warnings()).singleElement()
				.asString()
				.contains("The ConductorClient bean 'myClient' is not built with conductor-auth's")
				.contains("without them its requests carry no token");
		});
	}

	@Test
	void aUserConductorClientBuiltWithTheBeansDrawsNoWarning() {
		this.runner.withUserConfiguration(UserClient.class).run((context) -> {
			assertThat(context.getBeanNamesForType(ConductorClient.class)).containsExactly("myClient");
			assertThat(
					context.getBean(ConductorAuthHeaderSupplier.class).serves(context.getBean(ConductorClient.class)))
				.isTrue();
			assertThat(warnings()).isEmpty();
		});
	}

	@Test
	void userDefinedAdaptersWin() {
		this.runner.withUserConfiguration(UserAdapters.class).run((context) -> {
			assertThat(context.getBeanNamesForType(ConductorAuthHeaderSupplier.class)).containsExactly("mySupplier");
			assertThat(context.getBeanNamesForType(ConductorAuthOkHttpInterceptor.class))
				.containsExactly("myInterceptor");
			assertThat(
					context.getBean(ConductorAuthHeaderSupplier.class).serves(context.getBean(ConductorClient.class)))
				.isTrue();
		});
	}

	@Test
	void theOfficialClientsVariablesAreFallbacksAndDrawNoWarning() {
		// they used to draw a warning where conductor-client has io.orkes's ApiClient,
		// which reads them: conductor-auth's client does not
		this.runner.withPropertyValues("CONDUCTOR_AUTH_KEY=their-id", "CONDUCTOR_AUTH_SECRET=their-secret")
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

	@Configuration(proxyBeanMethods = false)
	static class UserClient {

		@Bean
		ConductorClient myClient(ConductorAuthHeaderSupplier headerSupplier,
				ConductorAuthOkHttpInterceptor interceptor) {
			return ConductorClient.builder()
				.basePath(BASE_URL)
				.addHeaderSupplier(headerSupplier)
				.configureOkHttp((okHttp) -> okHttp.addInterceptor(interceptor).followRedirects(false))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserAdapters {

		@Bean
		ConductorAuthHeaderSupplier mySupplier(ConductorRequestAuthenticator authenticator) {
			return new ConductorAuthHeaderSupplier(authenticator, "/token");
		}

		@Bean
		ConductorAuthOkHttpInterceptor myInterceptor(ConductorRequestAuthenticator authenticator) {
			return new ConductorAuthOkHttpInterceptor(authenticator, "/token");
		}

	}

}
