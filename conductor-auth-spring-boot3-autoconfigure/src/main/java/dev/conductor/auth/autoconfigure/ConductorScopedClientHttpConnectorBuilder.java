package dev.conductor.auth.autoconfigure;

import java.util.Collection;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorSettings;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.function.SingletonSupplier;

import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.client.ConductorScopedClientHttpConnector;
import dev.conductor.auth.client.RedirectPolicy;

/**
 * A {@link ClientHttpConnectorBuilder} that builds what the application's builds, wrapped
 * in a {@link ConductorScopedClientHttpConnector} when the settings ask for redirects.
 * The connector without redirects is built on the first request to the Conductor API, so
 * that a client that never sends one costs nothing more.
 */
final class ConductorScopedClientHttpConnectorBuilder implements ClientHttpConnectorBuilder<ClientHttpConnector> {

	private final ClientHttpConnectorBuilder<?> delegate;

	private final ObjectProvider<ConductorRequestAuthenticator> authenticator;

	ConductorScopedClientHttpConnectorBuilder(ClientHttpConnectorBuilder<?> delegate,
			ObjectProvider<ConductorRequestAuthenticator> authenticator) {
		this.delegate = delegate;
		this.authenticator = authenticator;
	}

	@Override
	public ClientHttpConnector build(@Nullable ClientHttpConnectorSettings settings) {
		ClientHttpConnector connector = this.delegate.build(settings);
		RedirectPolicy redirects = ConductorScopedHttpClientsPostProcessor.redirectsOf(settings);
		ConductorRequestAuthenticator authenticator = this.authenticator.getIfAvailable();
		if (redirects == RedirectPolicy.DONT_FOLLOW || authenticator == null) {
			return connector;
		}
		ClientHttpConnectorSettings withoutRedirects = ConductorScopedHttpClientsPostProcessor
			.withoutRedirects(settings);
		return new ConductorScopedClientHttpConnector(authenticator, connector,
				SingletonSupplier.of(() -> this.delegate.build(withoutRedirects)), redirects);
	}

	/**
	 * Customize the connectors that the application's builder builds, both of them,
	 * before they are wrapped.
	 */
	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public ClientHttpConnectorBuilder<ClientHttpConnector> withCustomizers(
			Collection<Consumer<ClientHttpConnector>> customizers) {
		return new ConductorScopedClientHttpConnectorBuilder(
				((ClientHttpConnectorBuilder) this.delegate).withCustomizers(customizers), this.authenticator);
	}

	@Override
	public String toString() {
		return "ConductorScopedClientHttpConnectorBuilder[" + this.delegate + "]";
	}

}
