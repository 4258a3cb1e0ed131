package dev.conductor.auth.autoconfigure;

import java.lang.reflect.Method;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.metrics.MetricsCollector;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.conductor.auth.client.ConductorAuthHeaderSupplier;
import dev.conductor.auth.client.ConductorAuthOkHttpInterceptor;

/**
 * Builds the application's one client of the official Conductor Java client for
 * {@code conductor.auth.base-url}: an {@code io.orkes.conductor.client.ApiClient} where
 * conductor-client has that class (5 and later), so that the official Spring modules'
 * {@code ApiClient} backs off, else a {@link ConductorClient}. Either carries the token
 * through {@link ConductorAuthHeaderSupplier} and {@link ConductorAuthOkHttpInterceptor},
 * never through credentials of its own, follows no redirect, and takes the settings that
 * the official modules give their client: {@code conductor.client.timeout.connect},
 * {@code .read} and {@code .write} (milliseconds), {@code conductor.client.verifying-ssl}
 * and the {@link MetricsCollector} bean (where the client can take one, conductor-client
 * 5 and later).
 */
final class ConductorClientFactory {

	static final String API_CLIENT = "io.orkes.conductor.client.ApiClient";

	private final ConductorAuthSettings settings;

	private final ConductorAuthHeaderSupplier headerSupplier;

	private final ConductorAuthOkHttpInterceptor interceptor;

	private final Binder binder;

	private final @Nullable MetricsCollector metricsCollector;

	private final @Nullable ClassLoader classLoader;

	ConductorClientFactory(ConductorAuthSettings settings, ConductorAuthHeaderSupplier headerSupplier,
			ConductorAuthOkHttpInterceptor interceptor, Environment environment,
			@Nullable MetricsCollector metricsCollector, @Nullable ClassLoader classLoader) {
		this.settings = settings;
		this.headerSupplier = headerSupplier;
		this.interceptor = interceptor;
		this.binder = Binder.get(environment);
		this.metricsCollector = metricsCollector;
		this.classLoader = classLoader;
	}

	/**
	 * Build the client: an {@code ApiClient} where conductor-client has one.
	 * @return a new client
	 */
	ConductorClient create() {
		ConductorClient.Builder<?> builder = ClassUtils.isPresent(API_CLIENT, this.classLoader) ? apiClientBuilder()
				: ConductorClient.builder();
		builder.basePath(this.settings.baseUrl().toString())
			// the SDK's CONDUCTOR_AUTH_KEY and CONDUCTOR_AUTH_SECRET would give an
			// ApiClient
			// credentials, and so a token, of its own
			.useEnvVariables(false)
			.verifyingSsl(this.binder.bind("conductor.client.verifying-ssl", Boolean.class).orElse(true))
			.addHeaderSupplier(this.headerSupplier)
			// the first interceptor, so that a replay passes through every later one;
			// no redirects, which would take the token header to another host
			.configureOkHttp((okHttp) -> okHttp.addInterceptor(this.interceptor)
				.followRedirects(false)
				.followSslRedirects(false));
		this.binder.bind("conductor.client.timeout.connect", Integer.class).ifBound(builder::connectTimeout);
		this.binder.bind("conductor.client.timeout.read", Integer.class).ifBound(builder::readTimeout);
		this.binder.bind("conductor.client.timeout.write", Integer.class).ifBound(builder::writeTimeout);
		if (this.metricsCollector != null) {
			// conductor-client 4 clients take no MetricsCollector
			Method withMetricsCollector = ClassUtils.getMethodIfAvailable(builder.getClass(), "withMetricsCollector",
					MetricsCollector.class);
			if (withMetricsCollector != null) {
				ReflectionUtils.invokeMethod(withMetricsCollector, builder, this.metricsCollector);
			}
		}
		return builder.build();
	}

	private ConductorClient.Builder<?> apiClientBuilder() {
		// reflection: conductor-auth compiles against conductor-client 4, which has no
		// ApiClient
		Class<?> apiClient = ClassUtils.resolveClassName(API_CLIENT, this.classLoader);
		Method builder = ClassUtils.getMethod(apiClient, "builder");
		return (ConductorClient.Builder<?>) ReflectionUtils.invokeMethod(builder, null);
	}

}
