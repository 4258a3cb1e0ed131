package dev.conductor.auth.e2e;

import jakarta.annotation.PreDestroy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
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

		@EventListener
		void onWebServer(WebServerInitializedEvent event) {
			System.out.println("E2E listening on port " + event.getWebServer().getPort());
		}

		@PreDestroy
		void preDestroy() {
			System.out.println("E2E @PreDestroy ran");
		}

	}

}
