package dev.conductor.auth.client;

import org.springframework.http.HttpHeaders;

/**
 * Removes a header in a way that links on Spring Framework 6.2 and 7.0 alike.
 * {@code HttpHeaders.remove(String)} does not: against 6.2, where {@code HttpHeaders} is
 * a {@code MultiValueMap}, it compiles to {@code remove(Object)}, and against 7.0, where
 * it is no {@code Map}, to {@code remove(String)}; neither line has the other's.
 *
 * <p>
 * Both lines have {@code asSingleValueMap()}, and {@code Map.remove(Object)} on it: a
 * view, not a copy, over the very map that {@code HttpHeaders.remove} removes from, so
 * the header goes with all its values, whatever the case of its name. The view of
 * read-only headers is read-only too, and refuses the removal as
 * {@code HttpHeaders.remove} would.
 */
final class HeaderRemoval {

	private HeaderRemoval() {
	}

	/**
	 * Remove a header and all its values.
	 * @param headers the headers to remove it from
	 * @param name the name of the header, in any case
	 */
	static void remove(HttpHeaders headers, String name) {
		headers.asSingleValueMap().remove(name);
	}

}
