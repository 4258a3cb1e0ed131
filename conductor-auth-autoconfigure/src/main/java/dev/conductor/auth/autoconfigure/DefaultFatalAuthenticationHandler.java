package dev.conductor.auth.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import dev.conductor.auth.event.ConductorAuthenticationFatalEvent;
import dev.conductor.auth.event.ConductorTokenRefreshedEvent;
import dev.conductor.auth.event.RefreshReason;

/**
 * The default {@link FatalAuthenticationHandler}. With
 * {@code conductor.auth.exit-on-failure} (the default) it exits the application: on a
 * dedicated non-daemon thread, so that it can be triggered from any thread without
 * deadlock, it runs
 * {@link SpringApplication#exit(org.springframework.context.ApplicationContext, org.springframework.boot.ExitCodeGenerator...)}
 * (graceful shutdown, {@code @PreDestroy} methods, exit code generators) and then
 * {@link System#exit(int)} with the configured exit code. Without it, it marks liveness
 * {@link LivenessState#BROKEN}, and back {@link LivenessState#CORRECT} on the first token
 * minted after that ({@link RefreshReason#RECOVERED}).
 *
 * <p>
 * With {@code conductor.auth.fail-fast}, a fatal event during startup does nothing here:
 * startup fails with the {@code FatalAuthenticationException} and its exit code.
 */
public final class DefaultFatalAuthenticationHandler
		implements FatalAuthenticationHandler, ApplicationListener<ConductorTokenRefreshedEvent> {

	private static final Log logger = LogFactory.getLog(DefaultFatalAuthenticationHandler.class);

	private final ConfigurableApplicationContext context;

	private final boolean exitOnFailure;

	private final boolean failFast;

	private final IntConsumer systemExit;

	private final AtomicBoolean exiting = new AtomicBoolean();

	private final AtomicBoolean broken = new AtomicBoolean();

	/**
	 * Create a handler.
	 * @param context the application context to close
	 * @param exitOnFailure whether to exit, or to mark liveness broken
	 * @param failFast whether startup waits for the first token and fails by itself
	 */
	public DefaultFatalAuthenticationHandler(ConfigurableApplicationContext context, boolean exitOnFailure,
			boolean failFast) {
		this(context, exitOnFailure, failFast, System::exit);
	}

	DefaultFatalAuthenticationHandler(ConfigurableApplicationContext context, boolean exitOnFailure, boolean failFast,
			IntConsumer systemExit) {
		this.context = context;
		this.exitOnFailure = exitOnFailure;
		this.failFast = failFast;
		this.systemExit = systemExit;
	}

	@Override
	public void handle(ConductorAuthenticationFatalEvent event) {
		if (!this.exitOnFailure) {
			if (this.broken.compareAndSet(false, true)) {
				logger.error("Conductor authentication is lost: liveness is BROKEN until a token is minted again "
						+ "(conductor.auth.exit-on-failure=false)");
				AvailabilityChangeEvent.publish(this.context, LivenessState.BROKEN);
			}
			return;
		}
		if (this.failFast && !this.context.isRunning()) {
			// the startup that waits for the first token fails by itself
			return;
		}
		if (this.exiting.compareAndSet(false, true)) {
			Thread exit = new Thread(() -> exit(event.getExitCode()), "conductor-auth-exit");
			exit.setDaemon(false);
			exit.start();
		}
	}

	@Override
	public void onApplicationEvent(ConductorTokenRefreshedEvent event) {
		if (event.getReason() == RefreshReason.RECOVERED && this.broken.compareAndSet(true, false)) {
			logger.info("Conductor authentication recovered: liveness is CORRECT again");
			AvailabilityChangeEvent.publish(this.context, LivenessState.CORRECT);
		}
	}

	private void exit(int exitCode) {
		logger.error("Conductor authentication is lost: exiting with code " + exitCode
				+ " (set conductor.auth.exit-on-failure=false to keep running)");
		int code = SpringApplication.exit(this.context, () -> exitCode);
		this.systemExit.accept(code);
	}

}
