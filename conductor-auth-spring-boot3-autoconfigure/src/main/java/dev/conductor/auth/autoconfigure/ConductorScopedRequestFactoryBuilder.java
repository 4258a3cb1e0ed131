package dev.conductor.auth.autoconfigure;

import java.util.Collection;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;

import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.client.ConductorScopedRequestFactory;
import dev.conductor.auth.client.RedirectPolicy;

/**
 * A {@link ClientHttpRequestFactoryBuilder} that builds what the application's builds,
 * wrapped in a {@link ConductorScopedRequestFactory} when the settings ask for redirects.
 * The request factory without redirects is built on the first request to the Conductor
 * API, so that a client that never sends one costs nothing more.
 */
final class ConductorScopedRequestFactoryBuilder implements ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> {

	private final ClientHttpRequestFactoryBuilder<?> delegate;

	private final ObjectProvider<ConductorRequestAuthenticator> authenticator;

	ConductorScopedRequestFactoryBuilder(ClientHttpRequestFactoryBuilder<?> delegate,
			ObjectProvider<ConductorRequestAuthenticator> authenticator) {
		this.delegate = delegate;
		this.authenticator = authenticator;
	}

	@Override
	public ClientHttpRequestFactory build(@Nullable ClientHttpRequestFactorySettings settings) {
		ClientHttpRequestFactory requestFactory = this.delegate.build(settings);
		RedirectPolicy redirects = ConductorScopedHttpClientsPostProcessor.redirectsOf(settings);
		ConductorRequestAuthenticator authenticator = this.authenticator.getIfAvailable();
		if (redirects == RedirectPolicy.DONT_FOLLOW || authenticator == null) {
			return requestFactory;
		}
		ClientHttpRequestFactorySettings withoutRedirects = ConductorScopedHttpClientsPostProcessor
			.withoutRedirects(settings);
		return new ConductorScopedRequestFactory(authenticator, requestFactory,
				SingletonSupplier.of(() -> this.delegate.build(withoutRedirects)), redirects);
	}

	/**
	 * Customize the request factories that the application's builder builds, both of
	 * them, before they are wrapped.
	 */
	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> withCustomizers(
			Collection<Consumer<ClientHttpRequestFactory>> customizers) {
		return new ConductorScopedRequestFactoryBuilder(
				((ClientHttpRequestFactoryBuilder) this.delegate).withCustomizers(customizers), this.authenticator);
	}

	@Override
	public String toString() {
		return "ConductorScopedRequestFactoryBuilder[" + this.delegate + "]";
	}

}
