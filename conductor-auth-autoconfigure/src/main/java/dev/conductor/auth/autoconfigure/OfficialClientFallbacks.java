package dev.conductor.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where a required {@code conductor.auth.*} value comes from when it is not set: the
 * names that the official Conductor Java client's users already have, first the
 * properties of its Spring modules, then the environment variables of the SDK, each list
 * in the order in which it is read. A dotted name is read with relaxed binding, so that
 * {@code conductor.client.key-id} is also {@code conductor.client.keyId} and
 * {@code CONDUCTOR_CLIENT_KEY_ID}, and {@code conductor.server.url} is also the SDK's
 * {@code CONDUCTOR_SERVER_URL}; a variable's name is read as it is.
 *
 * @param property the conductor-auth property, below {@code conductor.auth.}
 * @param names the names read, in order, when the property is not set
 */
record OfficialClientFallbacks(String property, List<String> names) {

	static final OfficialClientFallbacks BASE_URL = new OfficialClientFallbacks("base-url", List
		.of("conductor.client.root-uri", "conductor.client.base-path", "conductor.server.url", "CONDUCTOR_SERVER_URL"));

	static final OfficialClientFallbacks KEY_ID = new OfficialClientFallbacks("key-id",
			List.of("conductor.client.key-id", "conductor.client.keyId", "conductor.security.client.key-id",
					"conductor.security.client.keyId", "CONDUCTOR_AUTH_KEY", "CONDUCTOR_SERVER_AUTH_KEY"));

	static final OfficialClientFallbacks KEY_SECRET = new OfficialClientFallbacks("key-secret",
			List.of("conductor.client.secret", "conductor.security.client.secret", "CONDUCTOR_AUTH_SECRET",
					"CONDUCTOR_SERVER_AUTH_SECRET"));

	/**
	 * Return {@code value} if it has text, else the first fallback that has.
	 * @param value the value of the conductor-auth property
	 * @param environment where the fallbacks are read
	 * @return the value, or {@code value} when no fallback has one
	 */
	@Nullable String resolve(@Nullable String value, Environment environment) {
		if (StringUtils.hasText(value)) {
			return value;
		}
		Binder binder = Binder.get(environment);
		for (String name : this.names) {
			String fallback = ConfigurationPropertyName.isValid(name) ? binder.bind(name, String.class).orElse(null)
					: environment.getProperty(name);
			if (StringUtils.hasText(fallback)) {
				return fallback;
			}
		}
		return value;
	}

	/**
	 * Return the property and its fallbacks as a sentence's end, such as
	 * {@code "conductor.auth.key-secret, conductor.client.secret or CONDUCTOR_AUTH_SECRET"}.
	 * @return every name that would have supplied the value
	 */
	String describe() {
		List<String> all = new ArrayList<>();
		all.add("conductor.auth." + this.property);
		all.addAll(this.names);
		return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
	}

}
