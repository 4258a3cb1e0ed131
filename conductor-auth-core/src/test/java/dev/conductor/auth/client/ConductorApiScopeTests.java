package dev.conductor.auth.client;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which requests may carry the token.
 */
class ConductorApiScopeTests {

	private final ConductorApiScope scope = ConductorApiScope.of(URI.create("http://h/api"));

	@Test
	void containsTheBasePathAndWhatLiesBelowIt() {
		assertThat(this.scope.contains(URI.create("http://h/api"))).isTrue();
		assertThat(this.scope.contains(URI.create("http://h/api/"))).isTrue();
		assertThat(this.scope.contains(URI.create("http://h/api/x"))).isTrue();
		assertThat(this.scope.contains(URI.create("http://h/api/x?y=1"))).isTrue();
	}

	@Test
	void excludesAPathThatOnlyStartsWithTheSameLetters() {
		assertThat(this.scope.contains(URI.create("http://h/apix"))).isFalse();
		assertThat(this.scope.contains(URI.create("http://h/ap"))).isFalse();
		assertThat(this.scope.contains(URI.create("http://h/"))).isFalse();
	}

	@Test
	void excludesAnotherSchemeHostOrPort() {
		assertThat(this.scope.contains(URI.create("https://h/api/x"))).isFalse();
		assertThat(this.scope.contains(URI.create("http://other/api/x"))).isFalse();
		assertThat(this.scope.contains(URI.create("http://h:8080/api/x"))).isFalse();
		assertThat(this.scope.contains(URI.create("http://h.evil.example/api/x"))).isFalse();
	}

	@Test
	void treatsTheDefaultPortAndTheHostCaseAsTheSame() {
		assertThat(this.scope.contains(URI.create("http://H:80/api/x"))).isTrue();
		ConductorApiScope https = ConductorApiScope.of(URI.create("https://Conductor.Example:443/api/"));
		assertThat(https.contains(URI.create("https://conductor.example/api/tasks"))).isTrue();
		assertThat(https.contains(URI.create("https://conductor.example:8443/api/tasks"))).isFalse();
	}

	@Test
	void aPathThatClimbsOutOfTheBasePathIsNotInScope() {
		assertThat(this.scope.contains(URI.create("http://h/api/../admin"))).isFalse();
		assertThat(this.scope.contains(URI.create("http://h/api/./x"))).isTrue();
	}

	@Test
	void aRootBaseUrlCoversTheWholeHost() {
		ConductorApiScope root = ConductorApiScope.of(URI.create("https://h"));
		assertThat(root.contains(URI.create("https://h/anything"))).isTrue();
		assertThat(root.contains(URI.create("https://h"))).isTrue();
	}

	@Test
	void rejectsABaseUrlThatIsNotAnAbsoluteHttpUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConductorApiScope.of(URI.create("/api")));
		assertThatIllegalArgumentException().isThrownBy(() -> ConductorApiScope.of(URI.create("ftp://h/api")));
	}

}
