package dev.conductor.auth.client;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.conductor.auth.token.ConductorTokenManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The header that carries the token, with and without a prefix.
 */
class ConductorRequestAuthenticatorTests {

	private static final URI BASE_URL = URI.create("https://conductor.example.com/api");

	private final ConductorTokenManager tokenManager = ConductorTokenManager
		.builder(URI.create("https://conductor.example.com/api/token"), "key-id", "key-secret")
		.build();

	@AfterEach
	void closeTokenManager() {
		this.tokenManager.close();
	}

	@Test
	void withoutAPrefixTheHeaderValueIsTheTokenItself() {
		ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator.builder(this.tokenManager, BASE_URL)
			.build();
		String token = new String("a.b.c");
		assertThat(authenticator.getHeaderPrefix()).isEmpty();
		assertThat(authenticator.headerValue(token)).isSameAs(token);
	}

	@Test
	void aPrefixedHeaderValueIsMadeOncePerToken() {
		ConductorRequestAuthenticator authenticator = ConductorRequestAuthenticator.builder(this.tokenManager, BASE_URL)
			.headerName("Authorization")
			.headerPrefix("Bearer ")
			.build();
		String first = new String("a.b.c");
		String value = authenticator.headerValue(first);
		assertThat(value).isEqualTo("Bearer a.b.c");
		assertThat(authenticator.headerValue(first)).isSameAs(value);
		String second = new String("d.e.f");
		assertThat(authenticator.headerValue(second)).isEqualTo("Bearer d.e.f");
		// an equal token in another instance is another token to the manager
		assertThat(authenticator.headerValue(new String("d.e.f"))).isEqualTo("Bearer d.e.f");
		assertThat(authenticator.getHeaderPrefix()).isEqualTo("Bearer ");
		assertThat(authenticator.toString()).doesNotContain("a.b.c").doesNotContain("d.e.f");
	}

	@Test
	void aPrefixWithControlCharactersIsRefused() {
		ConductorRequestAuthenticator.Builder builder = ConductorRequestAuthenticator.builder(this.tokenManager,
				BASE_URL);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.headerPrefix("Bearer\r\nX-Evil: 1 "));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.headerPrefix("Bearer\n"));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.headerPrefix("Bearer\t"));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.headerPrefix("\u007f"));
	}

	@Test
	void theLastOfRefreshErrorsAndTokenErrorDetectorWins() {
		TokenErrorDetector bearer = TokenErrorDetector.bearerErrors(TokenErrorDetector.DEFAULT_BEARER_ERRORS);
		ConductorRequestAuthenticator.Builder builder = ConductorRequestAuthenticator.builder(this.tokenManager,
				BASE_URL);
		assertThat(builder.build().detector().readsBody()).isTrue();
		assertThat(builder.tokenErrorDetector(bearer).build().detector()).isSameAs(bearer);
		assertThat(builder.refreshErrors(List.of("TOKEN_REVOKED")).build().detector())
			.hasToString("TokenErrorDetector[TOKEN_REVOKED]");
	}

}
