package dev.conductor.auth.e2e;

import jakarta.annotation.PreDestroy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;

/**
 * A small application with the starter, as a user would write it. It prints a line for
 * the events that the end-to-end tests look for.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ConductorAuthTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConductorAuthTestApplication.class, args);
	}

	@Bean
	Markers markers() {
		return new Markers();
	}

	static class Markers {

		@EventListener
		void onFatal(ConductorAuthenticationFatalEvent event) {
			System.out.println("E2E fatal event: attempts=" + event.getAttempts() + " exitCode=" + event.getExitCode());
		}

		// the port that Boot publishes, rather than its web server event, whose package
		// differs between Boot 3 and 4
		@EventListener
		void onReady(ApplicationReadyEvent event) {
			String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
			if (port != null) {
				System.out.println("E2E listening on port " + port);
			}
		}

		@PreDestroy
		void preDestroy() {
			System.out.println("E2E @PreDestroy ran");
		}

	}

}
