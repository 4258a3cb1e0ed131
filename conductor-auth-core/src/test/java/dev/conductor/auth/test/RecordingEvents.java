package dev.conductor.auth.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.event.ConductorTokenRefreshFailedEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.ConductorTokenRejectedEvent;

/**
 * Keeps the events it is given, in order: as the {@link ApplicationEventPublisher} of
 * code under test, or as a listener bean of an application context.
 */
public final class RecordingEvents implements ApplicationEventPublisher, ApplicationListener<ApplicationEvent> {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@Override
	public void publishEvent(Object event) {
		this.events.add(event);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event.getClass().getPackageName().startsWith("dev.conductor.auth")) {
			this.events.add(event);
		}
	}

	public List<Object> all() {
		return List.copyOf(this.events);
	}

	public List<ConductorTokenRefreshedEvent> refreshed() {
		return ofType(ConductorTokenRefreshedEvent.class);
	}

	public List<ConductorTokenRefreshFailedEvent> failed() {
		return ofType(ConductorTokenRefreshFailedEvent.class);
	}

	public List<ConductorAuthenticationFatalEvent> fatal() {
		return ofType(ConductorAuthenticationFatalEvent.class);
	}

	public List<ConductorTokenRejectedEvent> rejected() {
		return ofType(ConductorTokenRejectedEvent.class);
	}

	public <T> List<T> ofType(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
