package dev.conductor.auth.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.conductor.auth.sample.simulator.ConductorSimulatorInitializer;

/**
 * The sample application. Run it with {@code java -jar conductor-auth-sample.jar}:
 * against the embedded Conductor simulator by default, or against a real server when
 * {@code CONDUCTOR_AUTH_BASE_URL}, {@code CONDUCTOR_AUTH_KEY_ID} and
 * {@code CONDUCTOR_AUTH_KEY_SECRET} are set.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	public static void main(String[] args) {
		new SpringApplicationBuilder(SampleApplication.class).initializers(new ConductorSimulatorInitializer())
			.run(args);
	}

}
