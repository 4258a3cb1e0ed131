package dev.conductor.auth.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.RefreshReason;
import dev.conductor.auth.token.TokenMintException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default reaction to lost authentication: a graceful exit with the configured code,
 * or broken liveness until a token is minted again.
 */
class DefaultFatalAuthenticationHandlerTests {

	private final List<String> shutdown = new CopyOnWriteArrayList<>();

	@Test
	void exitsTheApplicationGracefullyOnAThreadOfItsOwn() throws Exception {
		AnnotationConfigApplicationContext context = context();
		CompletableFuture<Integer> exitCode = new CompletableFuture<>();
		CompletableFuture<Thread> exitThread = new CompletableFuture<>();
		DefaultFatalAuthenticationHandler handler = new DefaultFatalAuthenticationHandler(context, true, false,
				(code) -> {
					exitThread.complete(Thread.currentThread());
					exitCode.complete(code);
				});
		handler.handle(fatal(context, 42));
		assertThat(exitCode.get(10, TimeUnit.SECONDS)).isEqualTo(42);
		assertThat(exitThread.get().getName()).isEqualTo("conductor-auth-exit");
		assertThat(exitThread.get().isDaemon()).isFalse();
		assertThat(context.isActive()).isFalse();
		assertThat(this.shutdown).containsExactly("SmartLifecycle.stop", "DisposableBean.destroy");
	}

	@Test
	void exitsOnceHoweverManyFatalEventsArrive() throws Exception {
		AnnotationConfigApplicationContext context = context();
		List<Integer> exits = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> exited = new CompletableFuture<>();
		DefaultFatalAuthenticationHandler handler = new DefaultFatalAuthenticationHandler(context, true, false,
				(code) -> {
					exits.add(code);
					exited.complete(null);
				});
		handler.handle(fatal(context, 7));
		handler.handle(fatal(context, 7));
		exited.get(10, TimeUnit.SECONDS);
		assertThat(exits).containsExactly(7);
	}

	@Test
	void withFailFastDoesNothingWhileTheApplicationStarts() {
		AnnotationConfigApplicationContext starting = new AnnotationConfigApplicationContext();
		List<Integer> exits = new CopyOnWriteArrayList<>();
		new DefaultFatalAuthenticationHandler(starting, true, true, exits::add).handle(fatal(starting, 1));
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("conductor-auth-exit"));
		assertThat(exits).isEmpty();
	}

	@Test
	void withoutExitMarksLivenessBrokenUntilRecovered() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(ApplicationAvailabilityBean.class);
		List<Integer> exits = new CopyOnWriteArrayList<>();
		DefaultFatalAuthenticationHandler handler = new DefaultFatalAuthenticationHandler(context, false, false,
				exits::add);
		context.registerBean(DefaultFatalAuthenticationHandler.class, () -> handler);
		context.refresh();
		ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
		handler.handle(fatal(context, 1));
		assertThat(availability.getLivenessState()).isEqualTo(LivenessState.BROKEN);
		context.publishEvent(refreshed(context, RefreshReason.SCHEDULED));
		assertThat(availability.getLivenessState()).isEqualTo(LivenessState.BROKEN);
		context.publishEvent(refreshed(context, RefreshReason.RECOVERED));
		assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
		assertThat(exits).isEmpty();
		assertThat(context.isActive()).isTrue();
		context.close();
	}

	private AnnotationConfigApplicationContext context() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean("graceful", SmartLifecycle.class, () -> new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				DefaultFatalAuthenticationHandlerTests.this.shutdown.add("SmartLifecycle.stop");
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		});
		context.registerBean("destroyed", DisposableBean.class,
				() -> () -> this.shutdown.add("DisposableBean.destroy"));
		context.refresh();
		return context;
	}

	private static ConductorAuthenticationFatalEvent fatal(Object source, int exitCode) {
		return new ConductorAuthenticationFatalEvent(source, Clock.systemUTC(), 5,
				new TokenMintException("Token endpoint answered 503", null), exitCode);
	}

	private static ConductorTokenRefreshedEvent refreshed(Object source, RefreshReason reason) {
		return new ConductorTokenRefreshedEvent(source, Clock.systemUTC(), reason, java.time.Instant.now(), 1);
	}

}
