package dev.conductor.auth.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;

import dev.conductor.auth.client.RedirectPolicy;

/**
 * Takes redirects away from Boot's HTTP clients and gives them to the adapters: the
 * {@link HttpClientSettings} that every client built from Boot's builders uses get
 * {@link HttpRedirects#DONT_FOLLOW}, and the adapters follow redirects themselves as
 * {@code spring.http.clients.redirects} asked, putting the token only on the hops that
 * stay within the Conductor API. An HTTP client that follows a redirect on its own copies
 * every header, the token's included, to wherever the redirect leads.
 */
final class HttpClientRedirectsPostProcessor implements BeanPostProcessor {

	private volatile RedirectPolicy policy = RedirectPolicy.DONT_FOLLOW;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HttpClientSettings settings) {
			this.policy = policyOf(settings.redirects());
			return settings.withRedirects(HttpRedirects.DONT_FOLLOW);
		}
		return bean;
	}

	/**
	 * The redirect policy that Boot's settings asked for, {@code DONT_FOLLOW} until they
	 * are known.
	 */
	RedirectPolicy policy() {
		return this.policy;
	}

	private static RedirectPolicy policyOf(@Nullable HttpRedirects redirects) {
		if (redirects == HttpRedirects.DONT_FOLLOW) {
			return RedirectPolicy.DONT_FOLLOW;
		}
		return (redirects == HttpRedirects.FOLLOW) ? RedirectPolicy.FOLLOW : RedirectPolicy.FOLLOW_WHEN_POSSIBLE;
	}

}
