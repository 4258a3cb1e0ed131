package dev.conductor.auth.client;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a redirect leads, and when it is not followed.
 */
class RedirectsTests {

	private static final URI FROM = URI.create("https://h/api/a");

	@Test
	void followsTheRedirectStatusesOnly() {
		for (int status : new int[] { 301, 302, 303, 307, 308 }) {
			assertThat(Redirects.next(RedirectPolicy.FOLLOW, "GET", FROM, status, "/api/b")).as("%d", status)
				.isNotNull();
		}
		for (int status : new int[] { 200, 300, 304, 305, 401 }) {
			assertThat(Redirects.next(RedirectPolicy.FOLLOW, "GET", FROM, status, "/api/b")).as("%d", status).isNull();
		}
	}

	@Test
	void resolvesARelativeLocation() {
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "GET", FROM, 302, "b?x=1").uri())
			.isEqualTo(URI.create("https://h/api/b?x=1"));
	}

	@Test
	void seeOtherAndAPostMovedContinueAsAGetWithoutBody() {
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "PUT", FROM, 303, "/x"))
			.isEqualTo(new Redirects.Hop(URI.create("https://h/x"), "GET", false));
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "POST", FROM, 302, "/x").method()).isEqualTo("GET");
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "POST", FROM, 301, "/x").method()).isEqualTo("GET");
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "HEAD", FROM, 303, "/x").method()).isEqualTo("HEAD");
	}

	@Test
	void temporaryAndPermanentRedirectsRepeatMethodAndBody() {
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "POST", FROM, 307, "/x"))
			.isEqualTo(new Redirects.Hop(URI.create("https://h/x"), "POST", true));
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "PUT", FROM, 308, "/x").keepsBody()).isTrue();
	}

	@Test
	void followWhenPossibleNeverGoesFromHttpsToHttp() {
		assertThat(Redirects.next(RedirectPolicy.FOLLOW_WHEN_POSSIBLE, "GET", FROM, 302, "http://h/x")).isNull();
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "GET", FROM, 302, "http://h/x")).isNotNull();
		assertThat(Redirects.next(RedirectPolicy.FOLLOW_WHEN_POSSIBLE, "GET", URI.create("http://h/a"), 302,
				"https://h/x"))
			.isNotNull();
	}

	@Test
	void neverFollowsWhenTold() {
		assertThat(Redirects.next(RedirectPolicy.DONT_FOLLOW, "GET", FROM, 302, "/x")).isNull();
	}

	@Test
	void ignoresAMissingOrUnusableLocation() {
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "GET", FROM, 302, null)).isNull();
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "GET", FROM, 302, "ftp://h/x")).isNull();
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "GET", FROM, 302, "not a uri")).isNull();
		assertThat(Redirects.next(RedirectPolicy.FOLLOW, "GET", FROM, 302, "javascript:alert(1)")).isNull();
	}

	@Test
	void comparesOrigins() {
		assertThat(Redirects.sameOrigin(FROM, URI.create("https://H:443/other"))).isTrue();
		assertThat(Redirects.sameOrigin(FROM, URI.create("http://h/api/a"))).isFalse();
		assertThat(Redirects.sameOrigin(FROM, URI.create("https://h:8443/api/a"))).isFalse();
		assertThat(Redirects.sameOrigin(FROM, URI.create("https://other/api/a"))).isFalse();
		assertThat(
				Redirects.sameOrigin(URI.create("http://[::1]:8080/a"), URI.create("http://[0:0:0:0:0:0:0:1]:8080/b")))
			.isTrue();
	}

}
