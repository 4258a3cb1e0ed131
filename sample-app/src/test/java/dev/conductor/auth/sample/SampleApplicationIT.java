package dev.conductor.auth.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample in its own JVM, against its embedded simulator: what a newcomer
 * sees with the README's run command, and each scenario on purpose.
 */
class SampleApplicationIT {

	@Test
	void showsTheFirstMintARefreshAndAllThreeClientsAtWork() throws Exception {
		try (SampleProcess sample = SampleProcess.start("--demo.token-lifetime=10s", "--demo.interval=2s")) {
			sample.awaitLine("[token] minted (INITIAL, attempt 1)");
			sample.awaitLine("RestClient   GET  /metadata/workflow -> 200 OK, 2 workflow definitions");
			sample.awaitLine("RestTemplate GET  /tasks/poll/sample_task -> 200 OK, task ");
			sample.awaitLine("WebClient    POST /tasks -> 200 OK, task ");
			sample.awaitLine("RestClient   GET  /tasks/poll/forbidden_task -> 403");
			sample.awaitLine("[token] minted (SCHEDULED, attempt 1)");
			// SIGTERM, as an orchestrator stops it: the JVM reports 128 + 15
			assertThat(sample.stop()).isEqualTo(143);
			assertThat(sample.output()).contains("Graceful shutdown: the work loop stopped")
				.doesNotContain("[token] the server rejected")
				.doesNotContain("sample-key-secret");
		}
	}

	@Test
	void theWorkerCompletesHelloTasksAcrossSeveralTokenRefreshes() throws Exception {
		try (SampleProcess sample = SampleProcess.start("--demo.token-lifetime=6s", "--demo.interval=10s")) {
			int firstRefresh = sample.awaitLine("[token] minted (SCHEDULED, attempt 1)");
			int secondRefresh = sample.awaitLineAfter(firstRefresh, "[token] minted (SCHEDULED, attempt 1)");
			int thirdRefresh = sample.awaitLineAfter(secondRefresh, "[token] minted (SCHEDULED, attempt 1)");
			sample.awaitLineAfter(thirdRefresh, "[simulator] hello_task ");
			List<String> lines = sample.lines();
			List<String> completed = lines.stream()
				.filter((line) -> line.contains("[simulator] hello_task ")
						&& line.contains("COMPLETED: output {\"message\":\"Hello World!\"}"))
				.toList();
			assertThat(completed).hasSizeGreaterThanOrEqualTo(3);
			// completed between the refreshes and after the last (a slow start-up may
			// leave no time for a task under the first token)
			assertThat(lines.subList(firstRefresh, thirdRefresh))
				.anyMatch((line) -> line.contains("[simulator] hello_task "));
			assertThat(lines.subList(thirdRefresh, lines.size()))
				.anyMatch((line) -> line.contains("[simulator] hello_task "));
			assertThat(lines).noneMatch((line) -> line.contains("Error polling") || line.contains(" -> 401"));
			sample.stop();
			assertThat(sample.output()).contains("Shutting down the Conductor workers of 'taskRunnerConfigurer'");
		}
	}

	@Test
	void aRevokedTokenIsReplacedOnceAndTheRequestReplayed() throws Exception {
		try (SampleProcess sample = SampleProcess.start("--demo.scenario=revoke", "--demo.revoke-after=7s",
				"--demo.interval=1s")) {
			int revoked = sample.awaitLine("[simulator] revoked the current token");
			int rejected = sample.awaitLineAfter(revoked, "[token] the server rejected the token: ");
			assertThat(sample.lines().get(rejected)).contains("-> 403 INVALID_TOKEN");
			int minted = sample.awaitLineAfter(rejected, "[token] minted (REJECTED, attempt 1)");
			// the request that was rejected reports success: it was replayed with the new
			// token
			int replayed = sample.awaitLineAfter(minted, " -> 2");
			assertThat(sample.lines().get(replayed)).contains("200 OK");
			sample.awaitLineAfter(minted + 6, "WebClient    POST /tasks -> 200 OK");
			assertThat(sample.lines()).filteredOn((line) -> line.contains("[token] minted (REJECTED")).hasSize(1);
			// requests in flight with the revoked token (the worker polls meanwhile) are
			// all rejected, and all wait for that one new token
			assertThat(sample.lines()).filteredOn((line) -> line.contains("[token] the server rejected"))
				.isNotEmpty()
				.allMatch((line) -> line.contains("-> 403 INVALID_TOKEN"));
			assertThat(sample.lines().subList(rejected, sample.lines().size())).noneMatch(
					(line) -> line.contains(" -> 401") || line.contains("INVALID_TOKEN\"") || line.contains("failed"));
		}
	}

	@Test
	void behindAnOAuth2IssuerTheSameClientsSendBearerTokensAndARevokedOneIsReplacedOnce() throws Exception {
		try (SampleProcess sample = SampleProcess.start("--demo.issuer=oauth2", "--demo.scenario=revoke",
				"--demo.token-lifetime=6s", "--demo.revoke-after=7s", "--demo.interval=1s")) {
			sample.awaitLine("[simulator] OAuth2 issuer at http://127.0.0.1:");
			int initial = sample.awaitLine("[token] minted (INITIAL, attempt 1)");
			sample.awaitLineAfter(initial, "RestClient   GET  /metadata/workflow -> 200 OK, 2 workflow definitions");
			sample.awaitLineAfter(initial, "RestTemplate GET  /tasks/poll/sample_task -> 200 OK, task ");
			sample.awaitLineAfter(initial, "WebClient    POST /tasks -> 200 OK, task ");
			sample.awaitLineAfter(initial, "[simulator] hello_task ");
			// the gateway's 403 insufficient_scope reaches the caller untouched
			int forbidden = sample.awaitLineAfter(initial, "RestClient   GET  /tasks/poll/forbidden_task -> 403");
			assertThat(sample.lines().get(forbidden)).contains("insufficient_scope");
			sample.awaitLineAfter(initial, "[token] minted (SCHEDULED, attempt 1)");
			int revoked = sample
				.awaitLine("[simulator] revoked the current token: the server now answers it with 401 invalid_token");
			int rejected = sample.awaitLineAfter(revoked, "[token] the server rejected the token: ");
			assertThat(sample.lines().get(rejected)).contains("-> 401 invalid_token");
			int minted = sample.awaitLineAfter(rejected, "[token] minted (REJECTED, attempt 1)");
			// requests go on with the new token; the rejected ones were replayed (none
			// reports a 401, below)
			int replayed = sample.awaitLineAfter(minted, " -> 2");
			assertThat(sample.lines().get(replayed)).contains("200 OK");
			int next = sample.awaitLineAfter(minted, "[token] minted (SCHEDULED, attempt 1)");
			sample.awaitLineAfter(next, "WebClient    POST /tasks -> 200 OK");
			sample.awaitLineAfter(next, "[simulator] hello_task ");
			assertThat(sample.stop()).isEqualTo(143);
			List<String> lines = sample.lines();
			assertThat(lines).filteredOn((line) -> line.contains("[token] minted (REJECTED")).hasSize(1);
			// every rejection is the revoked token's (the worker's polls in flight too)
			assertThat(lines.subList(0, revoked)).noneMatch((line) -> line.contains("[token] the server rejected"));
			assertThat(lines).filteredOn((line) -> line.contains("[token] the server rejected"))
				.isNotEmpty()
				.allMatch((line) -> line.contains("-> 401 invalid_token"));
			// no request reports a 401: each rejected one was replayed
			assertThat(lines).filteredOn((line) -> !line.contains("[token] the server rejected"))
				.noneMatch((line) -> line.contains(" -> 401") || line.contains("failed")
						|| line.contains("Error polling") || line.contains("Using generated security password"));
			// neither the client secret nor a token (a JWT's header starts with eyJ)
			assertThat(sample.output()).doesNotContain("sample-client-secret").doesNotContain("eyJ");
		}
	}

	@Test
	void anOutageLongerThanTheBudgetEndsInACleanExit() throws Exception {
		try (SampleProcess sample = SampleProcess.start("--demo.scenario=outage", "--demo.outage-after=0s",
				"--conductor.auth.retry.initial-interval=200ms")) {
			assertThat(sample.awaitExit()).isEqualTo(1);
			List<Long> delays = new ArrayList<>();
			Pattern failed = Pattern.compile("\\[token\\] attempt (\\d)/5 failed, next attempt in (\\d+) ms");
			for (String line : sample.lines()) {
				Matcher matcher = failed.matcher(line);
				if (matcher.find()) {
					assertThat(Integer.parseInt(matcher.group(1))).isEqualTo(delays.size() + 1);
					delays.add(Long.parseLong(matcher.group(2)));
				}
			}
			assertThat(delays).hasSize(4).isSorted();
			assertThat(delays.get(3)).isGreaterThan(delays.get(0) * 4);
			int fatal = sample.indexOf(
					"[token] authentication lost after 5 attempts in a row; the application exits " + "with code 1", 0);
			assertThat(fatal).isPositive();
			assertThat(sample.indexOf("Graceful shutdown: the work loop stopped", fatal)).isGreaterThan(fatal);
		}
	}

}
