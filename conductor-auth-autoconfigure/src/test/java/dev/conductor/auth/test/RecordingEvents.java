package dev.conductor.auth.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationEventPublisher;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.event.ConductorTokenRefreshFailedEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;

/**
 * An {@link ApplicationEventPublisher} that keeps what it is given, in order.
 */
public final class RecordingEvents implements ApplicationEventPublisher {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@Override
	public void publishEvent(Object event) {
		this.events.add(event);
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

	public <T> List<T> ofType(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
