package dev.conductor.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup report of {@link InvalidConductorAuthPropertyFailureAnalyzer} for values
 * that used to pass: durations and retry settings beyond their bounds, which overflowed
 * at run time, and base URLs whose report repeated their user info or the key secret.
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

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					token-ttl              | 200000d | PT4800000H is longer than 24h        | a duration above 0 and at most 24h, such as 45m
					token-ttl              | 25h     | PT25H is longer than 24h             | a duration above 0 and at most 24h, such as 45m
					refresh-before-expiry  | 200000d | PT4800000H is longer than 24h        | a duration from 0 to 24h, such as 5m
					clock-skew             | 200000d | PT4800000H is longer than 24h        | a duration from 0 to 24h, such as 30s
					acquire-timeout        | 200000d | PT4800000H is longer than 1h         | a duration above 0 and at most 1h, such as 10s
					connect-timeout        | 200000d | PT4800000H is longer than 1h         | a duration above 0 and at most 1h, such as 5s
					read-timeout           | 200000d | PT4800000H is longer than 1h         | a duration above 0 and at most 1h, such as 10s
					retry.initial-interval | 200000d | PT4800000H is longer than 24h        | a duration above 0 and at most 24h, such as 2s
					retry.max-interval     | 200000d | PT4800000H is longer than 24h        | a duration above 0 and at most 24h, such as 30s
					retry.multiplier       | 1e300   | 1.0E300 is more than 10              | 1 (a fixed delay) or more, up to 10
					retry.multiplier       | Infinity| Infinity is more than 10             | 1 (a fixed delay) or more, up to 10
					retry.max-attempts     | 2147483647 | 2147483647 is more than 100       | 1 or more, up to 100
					""")
	void aValueBeyondItsBoundFailsStartupWithItsRangeAndTheFix(String property, String value, String problem,
			String fix) {
		// retry.initial-interval must not exceed retry.max-interval: raise both
		String maxInterval = property.equals("retry.initial-interval") ? "conductor.auth.retry.max-interval=24h"
				: "conductor.auth.retry.max-interval=30s";
		assertFailure(configured().withPropertyValues(maxInterval, "conductor.auth." + property + "=" + value),
				"conductor.auth." + property, problem, "Set conductor.auth." + property + " to " + fix);
	}

	@Test
	void everyBoundItselfIsAccepted() {
		configured()
			.withPropertyValues("conductor.auth.token-ttl=24h", "conductor.auth.refresh-before-expiry=24h",
					"conductor.auth.clock-skew=24h", "conductor.auth.acquire-timeout=1h",
					"conductor.auth.connect-timeout=1h", "conductor.auth.read-timeout=1h",
					"conductor.auth.retry.initial-interval=24h", "conductor.auth.retry.max-interval=24h",
					"conductor.auth.retry.multiplier=10", "conductor.auth.retry.max-attempts=100")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ConductorTokenManager.class));
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
