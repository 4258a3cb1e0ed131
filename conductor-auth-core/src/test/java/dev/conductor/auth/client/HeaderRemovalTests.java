package dev.conductor.auth.client;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@link HeaderRemoval} removes as {@code HttpHeaders.remove} does, on Spring Framework
 * 6.2 and 7.0 alike. The assertions look at the headers through calls that both lines
 * have, never through {@code assertThat(headers)}, which 6.2 would compile to a map
 * assertion that 7.0's headers cannot take.
 */
class HeaderRemovalTests {

	@Test
	void removesEveryValueOfTheHeaderWhateverTheCaseOfItsName() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Authorization", "first");
		headers.add("x-authorization", "second");
		headers.add(HttpHeaders.ACCEPT, "application/json");
		HeaderRemoval.remove(headers, "X-AUTHORIZATION");
		assertThat(headers.getFirst("X-Authorization")).isNull();
		assertThat(headers.asSingleValueMap()).containsOnlyKeys(HttpHeaders.ACCEPT);
	}

	@Test
	void leavesTheOtherHeadersAsTheyWere() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, "a=1");
		headers.add(HttpHeaders.ACCEPT, "application/json");
		headers.add(HttpHeaders.ACCEPT, "text/plain");
		HeaderRemoval.remove(headers, HttpHeaders.COOKIE);
		assertThat(headers.getValuesAsList(HttpHeaders.ACCEPT)).containsExactly("application/json", "text/plain");
		assertThat(headers.size()).isOne();
	}

	@Test
	void removingAnAbsentHeaderChangesNothing() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.ACCEPT, "application/json");
		HeaderRemoval.remove(headers, HttpHeaders.AUTHORIZATION);
		assertThat(headers.asSingleValueMap()).containsExactly(entry(HttpHeaders.ACCEPT, "application/json"));
	}

	@Test
	void readOnlyHeadersRefuseTheRemoval() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz");
		HttpHeaders readOnly = HttpHeaders.readOnlyHttpHeaders(headers);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> HeaderRemoval.remove(readOnly, HttpHeaders.AUTHORIZATION));
		assertThat(headers.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Basic dXNlcjpwYXNz");
	}

}
