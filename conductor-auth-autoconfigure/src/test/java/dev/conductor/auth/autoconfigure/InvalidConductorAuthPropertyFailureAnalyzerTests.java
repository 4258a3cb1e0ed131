package dev.conductor.auth.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import dev.conductor.auth.test.CapturingAppender;
import dev.conductor.auth.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real {@link SpringApplication} with a bad property prints Boot's "APPLICATION FAILED
 * TO START" report with our analysis: the analyzer is registered in
 * {@code META-INF/spring.factories}.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConductorAuthPropertyFailureAnalyzerTests {

	@Test
	void startupFailsWithAReportThatNamesThePropertyAndTheFix(CapturedOutput output) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--conductor.auth.base-url=ftp://conductor/api",
				"--conductor.auth.key-id=id", "--conductor.auth.key-secret=" + TestTokens.KEY_SECRET));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(
					"Invalid property 'conductor.auth.base-url': 'ftp://conductor/api' is not an absolute http(s) URL")
			.contains("Set conductor.auth.base-url to the Conductor API base URL")
			.contains("conductor.auth.enabled=false")
			.doesNotContain(TestTokens.KEY_SECRET);
	}

	@Test
	void theReportAndTheLogNeverRepeatTheUserInfoOfABaseUrl(CapturedOutput output) {
		CapturingAppender.drain();
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException()
			.isThrownBy(() -> application.run("--conductor.auth.base-url=ftp://admin:hunter2@conductor/api",
					"--conductor.auth.key-id=id", "--conductor.auth.key-secret=" + TestTokens.KEY_SECRET));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(
					"Invalid property 'conductor.auth.base-url': 'ftp://***@conductor/api' is not an absolute http(s) URL")
			.contains("without a user name or password")
			.doesNotContain("hunter2")
			.doesNotContain("admin:");
		// the log at every level, where Boot also writes the exception that it analyzed
		assertThat(CapturingAppender.lines()).isNotEmpty().noneMatch((line) -> line.contains("hunter2"));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ConductorAuthAutoConfiguration.class)
	static class App {

	}

}
