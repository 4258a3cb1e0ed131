package dev.conductor.auth.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thread-bound handoff between {@link ConductorScopedRequestFactory} and
 * {@link ConductorAuthInterceptor}.
 */
class RedirectHandoffTests {

	@Test
	void aReportOnTheThreadReachesItsOpenHandoff() {
		RedirectHandoff handoff = RedirectHandoff.open();
		try {
			assertThat(handoff.policy()).isEqualTo(RedirectPolicy.DONT_FOLLOW);
			RedirectHandoff.withheld(RedirectPolicy.FOLLOW);
			assertThat(handoff.policy()).isEqualTo(RedirectPolicy.FOLLOW);
		}
		finally {
			handoff.close();
		}
	}

	@Test
	void aRequestSentWhileAnotherIsInFlightHasAHandoffOfItsOwn() {
		RedirectHandoff outer = RedirectHandoff.open();
		try {
			RedirectHandoff inner = RedirectHandoff.open();
			try {
				RedirectHandoff.withheld(RedirectPolicy.FOLLOW);
			}
			finally {
				inner.close();
			}
			assertThat(inner.policy()).isEqualTo(RedirectPolicy.FOLLOW);
			assertThat(outer.policy()).isEqualTo(RedirectPolicy.DONT_FOLLOW);
			RedirectHandoff.withheld(RedirectPolicy.FOLLOW_WHEN_POSSIBLE);
			assertThat(outer.policy()).isEqualTo(RedirectPolicy.FOLLOW_WHEN_POSSIBLE);
		}
		finally {
			outer.close();
		}
	}

	@Test
	void aReportFromAnotherThreadOrAfterCloseGoesNowhere() throws InterruptedException {
		RedirectHandoff handoff = RedirectHandoff.open();
		try {
			Thread other = new Thread(() -> RedirectHandoff.withheld(RedirectPolicy.FOLLOW));
			other.start();
			other.join();
			assertThat(handoff.policy()).isEqualTo(RedirectPolicy.DONT_FOLLOW);
		}
		finally {
			handoff.close();
		}
		RedirectHandoff.withheld(RedirectPolicy.FOLLOW);
		assertThat(handoff.policy()).isEqualTo(RedirectPolicy.DONT_FOLLOW);
	}

}
