package dev.conductor.auth.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.conductor.auth.test.ManualTaskScheduler;
import dev.conductor.auth.test.MutableClock;
import dev.conductor.auth.test.RecordingEvents;
import dev.conductor.auth.test.TestTokens;
import dev.conductor.auth.test.TokenServer;

/**
 * What a token manager test moves and watches: a clock, a scheduler on that clock, the
 * events published, and the managers built against a {@link TokenServer} or a
 * {@link ConductorTokenSource}, closed with the scheduler after each test. Register it on
 * an instance field with {@code @RegisterExtension}.
 */
final class TokenManagerFixture implements AfterEachCallback {

	private final @Nullable TokenServer server;

	private final MutableClock clock = new MutableClock();

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler(this.clock);

	private final RecordingEvents events = new RecordingEvents();

	private final List<ConductorTokenManager> managers = new ArrayList<>();

	TokenManagerFixture(TokenServer server) {
		this.server = server;
	}

	/**
	 * A fixture for managers of {@link ConductorTokenSource}s only.
	 */
	TokenManagerFixture() {
		this.server = null;
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
		TokenServer server = Objects.requireNonNull(this.server, "A fixture without a token server");
		return build(ConductorTokenManager.builder(server.tokenUri(), TestTokens.KEY_ID, TestTokens.KEY_SECRET),
				customizer);
	}

	/**
	 * Build a manager of {@code source} on this clock, scheduler and events, to be closed
	 * after the test.
	 * @param source where the manager gets its tokens
	 * @param customizer what the test sets beyond that
	 * @return the manager, not started
	 */
	ConductorTokenManager manager(ConductorTokenSource source, UnaryOperator<ConductorTokenManagerBuilder> customizer) {
		return build(ConductorTokenManager.builder(source), customizer);
	}

	private ConductorTokenManager build(ConductorTokenManagerBuilder builder,
			UnaryOperator<ConductorTokenManagerBuilder> customizer) {
		builder.clock(this.clock).scheduler(this.scheduler).eventPublisher(this.events);
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
