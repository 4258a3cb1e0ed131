package dev.conductor.auth.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorSettings;

import dev.conductor.auth.client.ConductorRequestAuthenticator;
import dev.conductor.auth.client.ConductorScopedClientHttpConnector;
import dev.conductor.auth.client.ConductorScopedRequestFactory;
import dev.conductor.auth.client.RedirectPolicy;

/**
 * Makes every HTTP client that Boot's builders build safe for the Conductor token, and
 * changes nothing else: the {@link ClientHttpRequestFactoryBuilder} and
 * {@link ClientHttpConnectorBuilder} beans, which build the clients of
 * {@code RestClient.Builder}, {@code RestTemplateBuilder} and {@code WebClient.Builder},
 * build a {@link ConductorScopedRequestFactory} or
 * {@link ConductorScopedClientHttpConnector} whenever the settings of the client ask for
 * redirects: requests outside the Conductor API follow them as the settings say, requests
 * in it go through a client built without redirects, and the adapter follows them with
 * the token only where it belongs. Spring Boot 3 describes a client with
 * {@link ClientHttpRequestFactorySettings} and {@link ClientHttpConnectorSettings}, one
 * type each.
 */
final class ConductorScopedHttpClientsPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ConductorRequestAuthenticator> authenticator;

	ConductorScopedHttpClientsPostProcessor(ObjectProvider<ConductorRequestAuthenticator> authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ClientHttpRequestFactoryBuilder<?> builder
				&& !(bean instanceof ConductorScopedRequestFactoryBuilder)) {
			return new ConductorScopedRequestFactoryBuilder(builder, this.authenticator);
		}
		if (bean instanceof ClientHttpConnectorBuilder<?> builder
				&& !(bean instanceof ConductorScopedClientHttpConnectorBuilder)) {
			return new ConductorScopedClientHttpConnectorBuilder(builder, this.authenticator);
		}
		return bean;
	}

	/**
	 * The redirects that a request factory built with these settings follows: Boot's
	 * builders read no setting as "follow when possible".
	 */
	static RedirectPolicy redirectsOf(@Nullable ClientHttpRequestFactorySettings settings) {
		ClientHttpRequestFactorySettings.Redirects redirects = (settings != null) ? settings.redirects() : null;
		if (redirects == ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW) {
			return RedirectPolicy.DONT_FOLLOW;
		}
		return (redirects == ClientHttpRequestFactorySettings.Redirects.FOLLOW) ? RedirectPolicy.FOLLOW
				: RedirectPolicy.FOLLOW_WHEN_POSSIBLE;
	}

	/**
	 * The redirects that a connector built with these settings follows: Boot's builders
	 * read no setting as "follow when possible".
	 */
	static RedirectPolicy redirectsOf(@Nullable ClientHttpConnectorSettings settings) {
		HttpRedirects redirects = (settings != null) ? settings.redirects() : null;
		if (redirects == HttpRedirects.DONT_FOLLOW) {
			return RedirectPolicy.DONT_FOLLOW;
		}
		return (redirects == HttpRedirects.FOLLOW) ? RedirectPolicy.FOLLOW : RedirectPolicy.FOLLOW_WHEN_POSSIBLE;
	}

	/**
	 * The same request factory settings without redirects.
	 */
	static ClientHttpRequestFactorySettings withoutRedirects(@Nullable ClientHttpRequestFactorySettings settings) {
		return ((settings != null) ? settings : ClientHttpRequestFactorySettings.defaults())
			.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
	}

	/**
	 * The same connector settings without redirects.
	 */
	static ClientHttpConnectorSettings withoutRedirects(@Nullable ClientHttpConnectorSettings settings) {
		return ((settings != null) ? settings : ClientHttpConnectorSettings.defaults())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
	}

}
