package dev.conductor.auth.token;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back-off between failed attempts and the end of the budget.
 */
class FailureBudgetTests {

	private final FailureBudget budget = new FailureBudget(5, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30));

	@RepeatedTest(20)
	void delaysDoubleWithinTenPercentJitter() {
		assertThat(this.budget.delayAfter(1)).isBetween(2000L, 2200L);
		assertThat(this.budget.delayAfter(2)).isBetween(3600L, 4400L);
		assertThat(this.budget.delayAfter(3)).isBetween(7200L, 8800L);
		assertThat(this.budget.delayAfter(4)).isBetween(14400L, 17600L);
	}

	@Test
	void delaysSpreadBothWays() {
		java.util.Set<Long> delays = new java.util.HashSet<>();
		for (int i = 0; i < 500; i++) {
			delays.add(this.budget.delayAfter(3));
		}
		// instances that failed together do not retry together
		assertThat(delays).hasSizeGreaterThan(100)
			.anyMatch((delay) -> delay < 7800L)
			.anyMatch((delay) -> delay > 8200L);
	}

	@Test
	void theFifthFailureSpendsTheBudget() {
		assertThat(this.budget.delayAfter(5)).isEqualTo(BackOffExecution.STOP);
		assertThat(this.budget.delayAfter(6)).isEqualTo(BackOffExecution.STOP);
	}

	@RepeatedTest(20)
	void delaysNeverExceedTheMaxInterval() {
		FailureBudget generous = new FailureBudget(20, Duration.ofSeconds(2), 3.0, Duration.ofSeconds(30));
		for (int failures = 1; failures < 20; failures++) {
			assertThat(generous.delayAfter(failures)).isBetween(2000L, 30_000L);
		}
	}

	@Test
	void onceSpentTheFirstDelaySpreadsOverTheWholeMaxInterval() {
		java.util.Set<Long> seconds = new java.util.HashSet<>();
		for (int i = 0; i < 1000; i++) {
			long delay = this.budget.firstDelayOnceSpent();
			assertThat(delay).isBetween(1L, 30_000L);
			seconds.add(delay / 1000);
		}
		// a thousand draws land in (nearly) every second of the interval, the first half
		// included: instances that drew their phase together come back evenly spread
		assertThat(seconds).hasSizeGreaterThan(25).contains(0L, 1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void onceSpentTheLaterDelaysAreTheMaxIntervalLessUpToATenth() {
		java.util.Set<Long> delays = new java.util.HashSet<>();
		for (int i = 0; i < 1000; i++) {
			long delay = this.budget.delayOnceSpent();
			assertThat(delay).isBetween(27_000L, 30_000L);
			delays.add(delay);
		}
		// not one constant: phases that something held up together drift apart again
		assertThat(delays).hasSizeGreaterThan(100);
	}

	@Test
	void oneAttemptMeansNoRetry() {
		FailureBudget single = new FailureBudget(1, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30));
		assertThat(single.delayAfter(1)).isEqualTo(BackOffExecution.STOP);
	}

}
