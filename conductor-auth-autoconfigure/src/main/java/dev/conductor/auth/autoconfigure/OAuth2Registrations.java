package dev.conductor.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * Finds the client registration that {@code conductor.auth.oauth2.registration-id} names,
 * in whichever repository Spring Boot made of
 * {@code spring.security.oauth2.client.registration.*}: a blocking one in a servlet or
 * non-web application, a reactive one in a reactive application. A registration that is
 * missing or is not a client-credentials one fails startup with a report that names the
 * property and the fix.
 */
final class OAuth2Registrations {

	private static final String PROPERTY = "conductor.auth.oauth2.registration-id";

	private OAuth2Registrations() {
	}

	static ClientRegistration find(String registrationId, @Nullable ClientRegistrationRepository registrations,
			@Nullable ReactiveClientRegistrationRepository reactiveRegistrations) {
		ClientRegistration registration = null;
		if (registrations != null) {
			registration = registrations.findByRegistrationId(registrationId);
		}
		else if (reactiveRegistrations != null) {
			// an in-memory repository answers at once; this runs once, at startup
			registration = reactiveRegistrations.findByRegistrationId(registrationId).block();
		}
		if (registration == null) {
			throw new InvalidConductorAuthPropertyException(PROPERTY,
					"no client registration '" + registrationId + "' is configured"
							+ known(registrations, reactiveRegistrations),
					"Add spring.security.oauth2.client.registration." + registrationId
							+ ".* (client-id, client-secret, authorization-grant-type=client_credentials, provider or "
							+ "provider token-uri), or set " + PROPERTY + " to the id of a registration that exists. "
							+ "Spring Boot reads those properties with its OAuth2 client starter on the class path: "
							+ "spring-boot-starter-security-oauth2-client (Boot 4), spring-boot-starter-oauth2-client "
							+ "(Boot 3.5).");
		}
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(registration.getAuthorizationGrantType())) {
			throw new InvalidConductorAuthPropertyException(PROPERTY,
					"client registration '" + registrationId + "' has the grant type '"
							+ registration.getAuthorizationGrantType().getValue() + "', not 'client_credentials'",
					"Set spring.security.oauth2.client.registration." + registrationId
							+ ".authorization-grant-type=client_credentials: an application gets its Conductor tokens "
							+ "with its own credentials, without a user.");
		}
		return registration;
	}

	private static String known(@Nullable ClientRegistrationRepository registrations,
			@Nullable ReactiveClientRegistrationRepository reactiveRegistrations) {
		if (registrations == null && reactiveRegistrations == null) {
			return " (there is no spring.security.oauth2.client.registration at all)";
		}
		Object repository = (registrations != null) ? registrations : reactiveRegistrations;
		if (!(repository instanceof Iterable<?> iterable)) {
			return "";
		}
		List<String> ids = new ArrayList<>();
		for (Object each : iterable) {
			if (each instanceof ClientRegistration known) {
				ids.add(known.getRegistrationId());
			}
		}
		return " (configured: " + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ")";
	}

}
