package dev.conductor.auth.autoconfigure;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.conductor.auth.autoconfigure.actuate.ConductorAuthHealthAutoConfiguration;
import dev.conductor.auth.autoconfigure.actuate.ConductorAuthMetricsAutoConfiguration;
import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.test.CapturingAppender;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;
import dev.conductor.auth.token.ConductorTokenManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConductorAuthAutoConfiguration}: the beans, the properties and their fallbacks,
 * and the startup failure report for each invalid value.
 */
class ConductorAuthAutoConfigurationTests {

	@RegisterExtension
	static final TokenServer server = new TokenServer();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ConductorAuthAutoConfiguration.class, ConductorAuthClientAutoConfiguration.class,
					ConductorAuthHealthAutoConfiguration.class, ConductorAuthMetricsAutoConfiguration.class));

	private ApplicationContextRunner configured() {
		server.issuesTokens();
		return this.runner.withPropertyValues("conductor.auth.base-url=" + server.baseUrl(),
				"conductor.auth.key-id=" + TestTokens.KEY_ID, "conductor.auth.key-secret=" + TestTokens.KEY_SECRET);
	}

	@Test
	void createsTheTokenManagerAndMintsTheFirstTokenAtStartup() {
		configured().run((context) -> {
			assertThat(context).hasSingleBean(ConductorTokenManager.class)
				.hasSingleBean(ConductorRequestAuthenticator.class)
				.hasSingleBean(DefaultFatalAuthenticationHandler.class)
				.hasSingleBean(FatalAuthenticationListener.class);
			ConductorTokenManager manager = context.getBean(ConductorTokenManager.class);
			assertThat(manager.getToken()).isEqualTo(server.lastIssued());
			assertThat(server.mintCount()).isEqualTo(1);
		});
	}

	@Test
	void disabledLeavesNoBeanOfOurs() {
		configured().withPropertyValues("conductor.auth.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(Arrays.stream(context.getBeanDefinitionNames())
				.map((name) -> context.getBeanFactory().getBeanDefinition(name).getBeanClassName())
				.filter((type) -> type != null && type.startsWith("dev.conductor.auth"))).isEmpty();
			assertThat(context).doesNotHaveBean(ConductorTokenManager.class)
				.doesNotHaveBean(ConductorAuthProperties.class)
				.doesNotHaveBean(FatalAuthenticationHandler.class);
			assertThat(server.mintCount()).isZero();
		});
	}

	@Test
	void disabledNeedsNoOtherProperty() {
		this.runner.withPropertyValues("conductor.auth.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ConductorTokenManager.class));
	}

	@Test
	void userDefinedBeansWin() {
		ConductorTokenManager own = ConductorTokenManager
			.builder(server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
			.build();
		FatalAuthenticationHandler handler = (event) -> {
		};
		server.issuesTokens();
		this.runner.withPropertyValues("conductor.auth.base-url=" + server.baseUrl())
			.withBean(ConductorTokenManager.class, () -> own)
			.withBean(FatalAuthenticationHandler.class, () -> handler)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ConductorTokenManager.class)).isSameAs(own);
				assertThat(context.getBean(FatalAuthenticationHandler.class)).isSameAs(handler);
				assertThat(context).doesNotHaveBean(DefaultFatalAuthenticationHandler.class);
			});
	}

	@Test
	void bindsEveryPropertyAndItsDurationFormats() {
		configured()
			.withPropertyValues("conductor.auth.token-ttl=30s", "conductor.auth.refresh-before-expiry=PT30S",
					"conductor.auth.clock-skew=500ms", "conductor.auth.acquire-timeout=2m",
					"conductor.auth.connect-timeout=1s", "conductor.auth.read-timeout=3s",
					"conductor.auth.header-name=X-Custom-Token", "conductor.auth.refresh-errors=A,B",
					"conductor.auth.exit-on-failure=false", "conductor.auth.exit-code=42",
					"conductor.auth.fail-fast=true", "conductor.auth.retry.max-attempts=3",
					"conductor.auth.retry.initial-interval=100ms", "conductor.auth.retry.multiplier=1.5",
					"conductor.auth.retry.max-interval=1s", "conductor.auth.token-path=/v2/token")
			.run((context) -> {
				ConductorAuthProperties properties = context.getBean(ConductorAuthProperties.class);
				assertThat(properties.getTokenTtl()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.getRefreshBeforeExpiry()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.getClockSkew()).isEqualTo(Duration.ofMillis(500));
				assertThat(properties.getAcquireTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getRefreshErrors()).containsExactly("A", "B");
				assertThat(properties.isExitOnFailure()).isFalse();
				assertThat(properties.getExitCode()).isEqualTo(42);
				assertThat(properties.isFailFast()).isTrue();
				assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(3);
				assertThat(properties.getRetry().getInitialInterval()).isEqualTo(Duration.ofMillis(100));
				assertThat(properties.getRetry().getMultiplier()).isEqualTo(1.5);
				assertThat(properties.getRetry().getMaxInterval()).isEqualTo(Duration.ofSeconds(1));
				assertThat(context.getBean(ConductorRequestAuthenticator.class).getHeaderName())
					.isEqualTo("X-Custom-Token");
				assertThat(context.getBean(ConductorAuthSettings.class).tokenUri())
					.isEqualTo(java.net.URI.create(server.baseUrl() + "/v2/token"));
			});
	}

	@Test
	void theDefaultsAreThoseOfTheDesign() {
		ConductorAuthProperties properties = new ConductorAuthProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getTokenPath()).isEqualTo("/token");
		// the header and the rejection rule follow the token source:
		// ConductorTokenSourceAutoConfigurationTests
		assertThat(properties.getHeaderName()).isNull();
		assertThat(properties.getHeaderPrefix()).isNull();
		assertThat(properties.getRejection()).isNull();
		assertThat(properties.getTokenTtl()).isEqualTo(Duration.ofMinutes(45));
		assertThat(properties.getRefreshBeforeExpiry()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.getClockSkew()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getAcquireTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getRefreshErrors()).isNull();
		assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(5);
		assertThat(properties.getRetry().getInitialInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getRetry().getMultiplier()).isEqualTo(2.0);
		assertThat(properties.getRetry().getMaxInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.isExitOnFailure()).isTrue();
		assertThat(properties.getExitCode()).isEqualTo(1);
		assertThat(properties.isFailFast()).isFalse();
	}

	@Test
	void fallsBackToTheOfficialClientsRootUriKeyIdAndSecret() {
		server.issuesTokens();
		this.runner
			.withPropertyValues("conductor.client.root-uri=" + server.baseUrl(),
					"conductor.client.key-id=" + TestTokens.KEY_ID, "conductor.client.secret=" + TestTokens.KEY_SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ConductorTokenManager.class).getToken()).isEqualTo(server.lastIssued());
				server.wiremock()
					.verify(com.github.tomakehurst.wiremock.client.WireMock
						.postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/token"))
						.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"keyId\":\""
								+ TestTokens.KEY_ID + "\",\"keySecret\":\"" + TestTokens.KEY_SECRET + "\"}")));
			});
	}

	@Test
	void fallsBackToTheOfficialClientsBasePath() {
		this.runner
			.withPropertyValues("conductor.client.base-path=https://conductor.example/api", "conductor.auth.key-id=id",
					"conductor.auth.key-secret=secret")
			.run((context) -> assertThat(context.getBean(ConductorAuthSettings.class).tokenUri())
				.isEqualTo(java.net.URI.create("https://conductor.example/api/token")));
	}

	@Test
	void ourOwnPropertiesWinOverTheFallbacks() {
		this.runner
			.withPropertyValues("conductor.auth.base-url=https://ours.example/api",
					"conductor.client.root-uri=https://theirs.example/api", "conductor.auth.key-id=id",
					"conductor.auth.key-secret=secret")
			.run((context) -> assertThat(context.getBean(ConductorAuthSettings.class).baseUrl())
				.hasHost("ours.example"));
	}

	@Test
	void warnsWhenTheBaseUrlIsClearTextToAnotherHost() {
		CapturingAppender.drain();
		this.runner
			.withPropertyValues("conductor.auth.base-url=http://conductor.example/api", "conductor.auth.key-id=id",
					"conductor.auth.key-secret=secret")
			.run((context) -> assertThat(CapturingAppender.lines())
				.anyMatch((line) -> line.contains("is plain http to a host that is not loopback")));
	}

	@Test
	void doesNotWarnForClearTextToLoopback() {
		CapturingAppender.drain();
		configured().run((context) -> assertThat(CapturingAppender.lines())
			.noneMatch((line) -> line.contains("is plain http to a host that is not loopback")));
	}

	@Test
	void missingKeyId() {
		assertFailure(
				this.runner.withPropertyValues("conductor.auth.base-url=https://h/api",
						"conductor.auth.key-secret=" + TestTokens.KEY_SECRET),
				"conductor.auth.key-id", "it is missing or blank", "Set conductor.auth.key-id");
	}

	@Test
	void blankKeySecret() {
		assertFailure(
				this.runner.withPropertyValues("conductor.auth.base-url=https://h/api", "conductor.auth.key-id=id",
						"conductor.auth.key-secret=  "),
				"conductor.auth.key-secret", "it is missing or blank", "Set conductor.auth.key-secret");
	}

	@Test
	void missingBaseUrl() {
		assertFailure(withKey(), "conductor.auth.base-url", "it is missing or blank", "Set conductor.auth.base-url");
	}

	@Test
	void baseUrlThatIsNotHttp() {
		assertFailure(withKey().withPropertyValues("conductor.auth.base-url=ftp://h/api"), "conductor.auth.base-url",
				"'ftp://h/api' is not an absolute http(s) URL", "https://developer.orkescloud.com/api");
	}

	@Test
	void baseUrlThatIsRelative() {
		assertFailure(withKey().withPropertyValues("conductor.auth.base-url=/api"), "conductor.auth.base-url",
				"'/api' is not an absolute http(s) URL", "Set conductor.auth.base-url");
	}

	@Test
	void baseUrlThatIsNotAUrl() {
		assertFailure(withKey().withPropertyValues("conductor.auth.base-url=https://h/a b"), "conductor.auth.base-url",
				"is not a URL", "Set conductor.auth.base-url");
	}

	@Test
	void baseUrlWithCredentials() {
		assertFailure(withKey().withPropertyValues("conductor.auth.base-url=https://user:pw@h/api"),
				"conductor.auth.base-url", "no user info", "Set conductor.auth.base-url");
	}

	@Test
	void negativeDuration() {
		assertFailure(configured().withPropertyValues("conductor.auth.clock-skew=-5s"), "conductor.auth.clock-skew",
				"PT-5S is not zero or positive", "such as 30s");
	}

	@Test
	void zeroAcquireTimeout() {
		assertFailure(configured().withPropertyValues("conductor.auth.acquire-timeout=0s"),
				"conductor.auth.acquire-timeout", "PT0S is not positive", "Set conductor.auth.acquire-timeout");
	}

	@Test
	void negativeRetryInterval() {
		assertFailure(configured().withPropertyValues("conductor.auth.retry.initial-interval=-1s"),
				"conductor.auth.retry.initial-interval", "is not positive", "conductor.auth.retry.initial-interval");
	}

	@Test
	void maxAttemptsBelowOne() {
		assertFailure(configured().withPropertyValues("conductor.auth.retry.max-attempts=0"),
				"conductor.auth.retry.max-attempts", "0 is less than 1", "to 1 or more");
	}

	@Test
	void multiplierBelowOne() {
		assertFailure(configured().withPropertyValues("conductor.auth.retry.multiplier=0.5"),
				"conductor.auth.retry.multiplier", "0.5 is less than 1", "1 (a fixed delay) or more");
	}

	@Test
	void maxIntervalBelowInitialInterval() {
		assertFailure(
				configured().withPropertyValues("conductor.auth.retry.initial-interval=10s",
						"conductor.auth.retry.max-interval=5s"),
				"conductor.auth.retry.max-interval", "is shorter than retry.initial-interval", "at least");
	}

	@Test
	void tokenPathWithoutSlash() {
		assertFailure(configured().withPropertyValues("conductor.auth.token-path=token"), "conductor.auth.token-path",
				"'token' is not a path that starts with '/'", "such as /token");
	}

	@Test
	void headerNameThatIsNotAHeader() {
		assertFailure(configured().withPropertyValues("conductor.auth.header-name=X Auth"),
				"conductor.auth.header-name", "is not an HTTP header name", "X-Authorization");
	}

	@Test
	void emptyRefreshErrors() {
		assertFailure(configured().withPropertyValues("conductor.auth.refresh-errors="),
				"conductor.auth.refresh-errors", "the list is empty", "EXPIRED_TOKEN,INVALID_TOKEN");
	}

	@Test
	void exitCodeOutOfRange() {
		assertFailure(configured().withPropertyValues("conductor.auth.exit-code=300"), "conductor.auth.exit-code",
				"300 is not a process exit code", "from 0 to 255");
	}

	private ApplicationContextRunner withKey() {
		return this.runner.withPropertyValues("conductor.auth.key-id=id",
				"conductor.auth.key-secret=" + TestTokens.KEY_SECRET);
	}

	private void assertFailure(ApplicationContextRunner runner, String property, String problem, String fix) {
		runner.run((AssertableApplicationContext context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidConductorAuthPropertyFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + property + "'").contains(problem);
			assertThat(analysis.getAction()).contains(fix).contains("conductor.auth.enabled=false");
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(TestTokens.KEY_SECRET);
		});
	}

}
