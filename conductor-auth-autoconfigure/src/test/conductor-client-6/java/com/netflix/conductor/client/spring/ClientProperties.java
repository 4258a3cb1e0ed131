package com.netflix.conductor.client.spring;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * A stand-in for the {@code conductor.client.*} properties of the official Spring module,
 * reduced to those that its auto-configurations give the client and the task runner.
 * Bound by hand ({@link #bind(Environment)}), not as {@code @ConfigurationProperties}:
 * the configuration processor would write metadata for it that hides conductor-auth's on
 * the test class path.
 */
public class ClientProperties {

	/**
	 * Bind {@code conductor.client.*} as the module's {@code @ConfigurationProperties}
	 * do.
	 * @param environment the application's environment
	 * @return the bound properties
	 */
	public static ClientProperties bind(Environment environment) {
		return Binder.get(environment).bindOrCreate("conductor.client", ClientProperties.class);
	}

	private @Nullable String rootUri;

	private @Nullable String basePath;

	private final Timeout timeout = new Timeout();

	private boolean verifyingSsl = true;

	private int threadCount = 1;

	private int shutdownGracePeriodSeconds = 10;

	public @Nullable String getRootUri() {
		return this.rootUri;
	}

	public void setRootUri(@Nullable String rootUri) {
		this.rootUri = rootUri;
	}

	public @Nullable String getBasePath() {
		return this.basePath;
	}

	public void setBasePath(@Nullable String basePath) {
		this.basePath = basePath;
	}

	public Timeout getTimeout() {
		return this.timeout;
	}

	public boolean isVerifyingSsl() {
		return this.verifyingSsl;
	}

	public void setVerifyingSsl(boolean verifyingSsl) {
		this.verifyingSsl = verifyingSsl;
	}

	public int getThreadCount() {
		return this.threadCount;
	}

	public void setThreadCount(int threadCount) {
		this.threadCount = threadCount;
	}

	public int getShutdownGracePeriodSeconds() {
		return this.shutdownGracePeriodSeconds;
	}

	public void setShutdownGracePeriodSeconds(int shutdownGracePeriodSeconds) {
		this.shutdownGracePeriodSeconds = shutdownGracePeriodSeconds;
	}

	public static class Timeout {

		private int connect = -1;

		private int read = -1;

		private int write = -1;

		public int getConnect() {
			return this.connect;
		}

		public void setConnect(int connect) {
			this.connect = connect;
		}

		public int getRead() {
			return this.read;
		}

		public void setRead(int read) {
			this.read = read;
		}

		public int getWrite() {
			return this.write;
		}

		public void setWrite(int write) {
			this.write = write;
		}

	}

}
