package dev.conductor.auth.token;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ExitCodeGenerator;

/**
 * Thrown to every caller once the failure budget is spent and no valid Conductor token is
 * left. It carries the configured exit code, so that an application that lets it escape
 * {@code SpringApplication.run} exits with that code.
 */
public class FatalAuthenticationException extends TokenUnavailableException implements ExitCodeGenerator {

	/** Exit code of the process in the fatal state. */
	private final int exitCode;

	/**
	 * Create a new exception.
	 * @param message what went wrong
	 * @param exitCode the configured process exit code
	 * @param cause the last failed attempt
	 */
	public FatalAuthenticationException(String message, int exitCode, @Nullable Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/**
	 * Return a copy whose stack trace shows the caller that hit the fatal state.
	 * @return a new exception with the same message, exit code and cause
	 */
	FatalAuthenticationException forCaller() {
		return new FatalAuthenticationException(getMessage(), this.exitCode, getCause());
	}

}
