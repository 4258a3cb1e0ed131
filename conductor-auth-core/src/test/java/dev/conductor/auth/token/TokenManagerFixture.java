package dev.conductor.auth.token;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

/**
 * What a token manager test moves and watches: a clock, a scheduler on that clock, the
 * events published, and the managers built against a {@link TokenServer}, closed with the
 * scheduler after each test. Register it on an instance field with
 * {@code @RegisterExtension}.
 */
final class TokenManagerFixture implements AfterEachCallback {

	private final TokenServer server;

	private final MutableClock clock = new MutableClock();

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler(this.clock);

	private final RecordingEvents events = new RecordingEvents();

	private final List<ConductorTokenManager> managers = new ArrayList<>();

	TokenManagerFixture(TokenServer server) {
		this.server = server;
	}

	MutableClock clock() {
		return this.clock;
	}

	ManualTaskScheduler scheduler() {
		return this.scheduler;
	}

	RecordingEvents events() {
		return this.events;
	}

	/**
	 * Build a manager of the server's token endpoint on this clock, scheduler and events,
	 * to be closed after the test.
	 * @param customizer what the test sets beyond that
	 * @return the manager, not started
	 */
	ConductorTokenManager manager(UnaryOperator<ConductorTokenManagerBuilder> customizer) {
		ConductorTokenManagerBuilder builder = ConductorTokenManager
			.builder(this.server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET)
			.clock(this.clock)
			.scheduler(this.scheduler)
			.eventPublisher(this.events);
		ConductorTokenManager manager = customizer.apply(builder).build();
		this.managers.add(manager);
		return manager;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.managers.forEach(ConductorTokenManager::close);
		this.scheduler.close();
	}

}
