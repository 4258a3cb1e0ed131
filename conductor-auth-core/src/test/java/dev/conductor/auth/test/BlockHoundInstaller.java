package dev.conductor.auth.test;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once, before any test of the suite runs (registered through
 * {@code META-INF/services}): a blocking call on a Reactor or Netty thread then fails
 * whichever test makes it. Installed later, after Reactor Netty started its event loops,
 * BlockHound would break those loops for the tests that follow.
 */
public final class BlockHoundInstaller implements LauncherSessionListener {

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		BlockHound.install();
	}

}
