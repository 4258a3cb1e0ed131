package dev.conductor.auth.benchmarks.fleet;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What one fleet did through one outage. Times are the application's.
 *
 * @param side the side
 * @param outage how long the token endpoint was down
 * @param instances the instances started
 * @param exited instances that reached the fatal state and ended (none on the
 * self-healing side, which keeps running)
 * @param exitedWithValidToken of those, how many held a token that was still valid
 * (before its expiry less the clock skew) when the endpoint came back: instances that
 * could have ridden the outage out
 * @param wentFatal instances that went through the fatal state and kept running (the
 * self-healing side)
 * @param withoutToken instances running without a token when the endpoint came back
 * @param stuck instances that had neither exited nor held a token {@code stuckAfter}
 * after the endpoint came back
 * @param withoutTokenAtEnd instances running without a token at the end of the run
 * @param allBackAfter how long after the endpoint came back every instance still running
 * held a token again, {@code null} if some did not by the end
 * @param steady token calls in the window before the outage
 * @param duringOutage token calls while the endpoint was down
 * @param recovery token calls in the first part of the recovery
 * @param chartFrom the second, from the start of the outage, of the first entry of
 * {@code perSecond} (negative: before the outage)
 * @param perSecond token calls in each second from {@code chartFrom} to the end
 * @param polls how late polls started, in the run's time
 * @param attempts how late the tasks of our shared scheduler started, in the run's time
 * ({@code null} for theirs, whose attempts run in its polls)
 */
public record FleetResult(FleetSide side, Duration outage, int instances, int exited, int exitedWithValidToken,
		int wentFatal, int withoutToken, int stuck, int withoutTokenAtEnd, @Nullable Duration allBackAfter,
		CallRate steady, CallRate duringOutage, CallRate recovery, int chartFrom, int[] perSecond,
		Lateness.Counts polls, Lateness.@Nullable Counts attempts) {

	@Override
	public String toString() {
		return String.format(Locale.ROOT,
				"%-16s outage %5d s: exited %3d (%d with a valid token), fatal and running %3d, without a token "
						+ "at return %3d, stuck %d, all back after %s; calls/s steady %.2f, outage %.2f (peak %d), "
						+ "recovery %.2f (peak %d); late polls %s, late attempts %s",
				this.side, this.outage.toSeconds(), this.exited, this.exitedWithValidToken, this.wentFatal,
				this.withoutToken, this.stuck, (this.allBackAfter != null) ? this.allBackAfter.toMillis() + " ms" : "—",
				this.steady.meanPerSecond(), this.duringOutage.meanPerSecond(), this.duringOutage.peakPerSecond(),
				this.recovery.meanPerSecond(), this.recovery.peakPerSecond(), late(this.polls), late(this.attempts));
	}

	private static String late(Lateness.@Nullable Counts counts) {
		return (counts != null)
				? counts.late() + " of " + counts.total() + " (at most " + counts.max().toMillis() + " ms)" : "—";
	}

}
