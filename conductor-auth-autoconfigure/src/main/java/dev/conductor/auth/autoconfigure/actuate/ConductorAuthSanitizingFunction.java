package dev.conductor.auth.autoconfigure.actuate;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Masks the Conductor key secret in the actuator's {@code env} and {@code configprops}
 * endpoints, even with {@code show-values=always}: the value of every property that
 * conductor-auth reads the secret from, whatever its form
 * ({@code conductor.auth.key-secret}, {@code conductor.auth.keySecret},
 * {@code CONDUCTOR_AUTH_KEY_SECRET}, ...), and any other value that holds the secret,
 * such as the variable that a {@code conductor.auth.key-secret=${VAULT_KEY}} placeholder
 * reads.
 * <p>
 * Auto-configured by {@link ConductorAuthSanitizingAutoConfiguration}.
 */
public final class ConductorAuthSanitizingFunction implements SanitizingFunction {

	/**
	 * The properties that hold the key secret: conductor-auth's own, its fallbacks, and
	 * those of the official Conductor client and its environment variables. Keep in step
	 * with the fallbacks of {@code conductor.auth.key-secret}.
	 */
	static final List<String> SECRET_PROPERTIES = List.of("conductor.auth.key-secret", "conductor.auth.secret",
			"conductor.client.secret", "conductor.security.client.secret", "conductor.server.auth.secret");

	private static final Set<String> SECRET_KEYS = SECRET_PROPERTIES.stream()
		.map(ConductorAuthSanitizingFunction::uniform)
		.collect(Collectors.toUnmodifiableSet());

	private final Environment environment;

	/**
	 * Create a function that masks the secret that this environment holds.
	 * @param environment the application's environment
	 */
	public ConductorAuthSanitizingFunction(Environment environment) {
		this.environment = environment;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (data.getValue() == null) {
			return data;
		}
		return (SECRET_KEYS.contains(uniform(data.getKey())) || holdsASecret(data.getValue()))
				? data.withSanitizedValue() : data;
	}

	private boolean holdsASecret(Object value) {
		if (!(value instanceof CharSequence text) || text.isEmpty()) {
			return false;
		}
		String candidate = text.toString();
		for (String property : SECRET_PROPERTIES) {
			String secret = secret(property);
			if (StringUtils.hasText(secret) && candidate.contains(secret)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Read the secret as the application sees it, placeholders resolved, on every call: a
	 * refreshed environment may hold another one.
	 */
	private @Nullable String secret(String property) {
		try {
			return this.environment.getProperty(property);
		}
		catch (RuntimeException ex) {
			// an unresolvable placeholder: no secret to look for under this name
			return null;
		}
	}

	/**
	 * One form for the names of a property in every notation Boot binds:
	 * {@code conductor.auth.key-secret}, {@code conductor.auth.keySecret} and
	 * {@code CONDUCTOR_AUTH_KEY_SECRET} all become {@code conductorauthkeysecret}.
	 */
	private static String uniform(String key) {
		StringBuilder uniform = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char ch = key.charAt(i);
			if (Character.isLetterOrDigit(ch)) {
				uniform.append(ch);
			}
		}
		return uniform.toString().toLowerCase(Locale.ROOT);
	}

}
