package dev.conductor.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup report of {@link InvalidConductorAuthPropertyFailureAnalyzer} for base URLs
 * whose report repeated their user info or the key secret.
 */
class ConductorAuthStartupValidationTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConductorAuthAutoConfiguration.class));

	private ApplicationContextRunner configured() {
		server.issuesTokens();
		return this.runner.withPropertyValues("conductor.auth.base-url=" + server.baseUrl(),
				"conductor.auth.key-id=" + TestTokens.KEY_ID, "conductor.auth.key-secret=" + TestTokens.KEY_SECRET);
	}

	@Test
	void aBaseUrlThatIsNotHttpNeverRepeatsItsUserInfo() {
		assertFailureHidesUserInfo("ftp://user:pw@h", "'ftp://***@h' is not an absolute http(s) URL", "pw");
	}

	@Test
	void anUnparsableBaseUrlNeverRepeatsItsUserInfo() {
		assertFailureHidesUserInfo("http://user:pw@ho st/api", "'http://***@ho st/api' is not a URL", "pw");
	}

	@Test
	void aPasswordWithSlashesAndAtSignsIsHiddenWhole() {
		// '/' and '@' unencoded in the password: it must not show through either
		assertFailureHidesUserInfo("ftp://user:p/w@x@h/api", "'ftp://***@h/api' is not", "p/w", "w@x");
	}

	@Test
	void aKeySecretPutInTheBaseUrlIsNotRepeated() {
		assertFailure(
				this.runner.withPropertyValues("conductor.auth.base-url=" + TestTokens.KEY_SECRET,
						"conductor.auth.key-id=id", "conductor.auth.key-secret=" + TestTokens.KEY_SECRET),
				"conductor.auth.base-url", "'******' is not an absolute http(s) URL", "Set conductor.auth.base-url");
	}

	@Test
	void aKeySecretFromTheFallbackPutInAnotherPropertyIsNotRepeated() {
		assertFailure(
				this.runner.withPropertyValues("conductor.auth.base-url=https://h/api", "conductor.auth.key-id=id",
						"conductor.client.secret=" + TestTokens.KEY_SECRET,
						"conductor.auth.header-name=X " + TestTokens.KEY_SECRET),
				"conductor.auth.header-name", "'X ******' is not an HTTP header name", "X-Authorization");
	}

	private void assertFailureHidesUserInfo(String baseUrl, String problem, String... password) {
		List<String> hidden = new ArrayList<>(List.of(password));
		hidden.add("user:");
		assertFailure(
				this.runner.withPropertyValues("conductor.auth.base-url=" + baseUrl, "conductor.auth.key-id=id",
						"conductor.auth.key-secret=" + TestTokens.KEY_SECRET),
				"conductor.auth.base-url", problem, "without a user name or password", hidden.toArray(String[]::new));
	}

	private void assertFailure(ApplicationContextRunner runner, String property, String problem, String fix,
			String... hidden) {
		runner.run((AssertableApplicationContext context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidConductorAuthPropertyFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + property + "'").contains(problem);
			assertThat(analysis.getAction()).contains(fix).contains("conductor.auth.enabled=false");
			List<String> texts = new ArrayList<>(List.of(analysis.getDescription(), analysis.getAction()));
			for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
				texts.add(String.valueOf(cause.getMessage()));
			}
			assertThat(texts).noneMatch((text) -> text.contains(TestTokens.KEY_SECRET));
			for (String part : hidden) {
				assertThat(texts).noneMatch((text) -> text.contains(part));
			}
		});
	}

}
