package io.orkes.conductor.client.spring;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A stand-in for the class of the same name in the official Spring module: the
 * credentials and the older server URL, read as the module reads them.
 */
@Component
public class OrkesClientProperties {

	private final @Nullable String keyId;

	private final @Nullable String secret;

	private final @Nullable String conductorServerUrl;

	private final @Nullable String securityKeyId;

	private final @Nullable String securitySecret;

	public OrkesClientProperties(@Value("${conductor.client.keyId:${conductor.client.key-id:#{null}}}") String keyId,
			@Value("${conductor.client.secret:#{null}}") String secret,
			@Value("${conductor.server.url:#{null}}") String conductorServerUrl,
			@Value("${conductor.security.client.keyId:${conductor.security.client.key-id:#{null}}}") String securityKeyId,
			@Value("${conductor.security.client.secret:#{null}}") String securitySecret) {
		this.keyId = keyId;
		this.secret = secret;
		this.conductorServerUrl = conductorServerUrl;
		this.securityKeyId = securityKeyId;
		this.securitySecret = securitySecret;
	}

	public @Nullable String getKeyId() {
		return this.keyId;
	}

	public @Nullable String getSecret() {
		return this.secret;
	}

	public @Nullable String getConductorServerUrl() {
		return this.conductorServerUrl;
	}

	public @Nullable String getSecurityKeyId() {
		return this.securityKeyId;
	}

	public @Nullable String getSecuritySecret() {
		return this.securitySecret;
	}

}
