package dev.conductor.auth.oauth2;

import java.util.AbstractList;
import java.util.List;

/**
 * The values of a form parameter that must never reach a log line: Spring's
 * {@code RestClient} logs a request body at DEBUG by its {@code toString()}, which for a
 * {@code client_secret_post} form would hold the client secret. The form converter writes
 * the values themselves; the log shows them masked.
 */
final class UnloggedValues extends AbstractList<String> {

	private final List<String> values;

	UnloggedValues(List<String> values) {
		this.values = List.copyOf(values);
	}

	@Override
	public String get(int index) {
		return this.values.get(index);
	}

	@Override
	public int size() {
		return this.values.size();
	}

	@Override
	public String toString() {
		return "[******]";
	}

}
