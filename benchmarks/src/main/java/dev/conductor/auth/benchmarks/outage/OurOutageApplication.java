package dev.conductor.auth.benchmarks.outage;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import dev.conductor.auth.benchmarks.scenario.ScenarioSettings;
import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;

/**
 * Our side of the outage: a Spring Boot application with the starter, configured by its
 * properties only, whose {@code RestClient} from Boot's builder polls for tasks. What
 * happens when the budget is spent is the starter's own: by default the application exits
 * with code 1 after a graceful shutdown; with {@code --exit-on-failure=false} it keeps
 * trying every 30 s and heals. Not final: Spring configuration classes may not be.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class OurOutageApplication {

	/**
	 * Run the application through the outage.
	 * @param args {@code OUTAGE AFTER [--exit-on-failure=false]}
	 */
	public static void main(String[] args) {
		OutageTimeline timeline = OutageTimeline.start(args);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("conductor.auth.base-url", timeline.baseUrl());
		properties.put("conductor.auth.key-id", "benchmark-key");
		properties.put("conductor.auth.key-secret", "benchmark-secret");
		properties.put("conductor.auth.refresh-before-expiry", ScenarioSettings.REFRESH_BEFORE_EXPIRY.toString());
		properties.put("conductor.auth.clock-skew", ScenarioSettings.CLOCK_SKEW.toString());
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		SpringApplication application = new SpringApplication(OurOutageApplication.class);
		application.setDefaultProperties(properties);
		application.addListeners((ApplicationListener<?>) (event) -> {
			if (event instanceof ConductorAuthenticationFatalEvent) {
				timeline.fatal();
			}
		});
		String[] springArgs = (args.length > 2) ? new String[] { "--conductor.auth." + args[2].substring(2) }
				: new String[0];
		ConfigurableApplicationContext context = application.run(springArgs);
		RestClient client = context.getBean(RestClient.Builder.class).baseUrl(timeline.baseUrl()).build();
		timeline.run((taskType) -> poll(client, taskType));
	}

	private static int poll(RestClient client, String taskType) {
		try {
			return client.get()
				.uri("/tasks/poll/batch/{taskType}?workerid=benchmark&count=1&timeout=100", taskType)
				.exchange((request, response) -> {
					try {
						response.getBody().readAllBytes();
					}
					catch (IOException ex) {
						return 0;
					}
					return response.getStatusCode().value();
				}, true);
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

}
