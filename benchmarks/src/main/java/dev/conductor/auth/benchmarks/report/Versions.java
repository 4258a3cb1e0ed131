package dev.conductor.auth.benchmarks.report;

import java.security.CodeSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of a library, read from the name of the jar its class was loaded from (the
 * official client's jar says it nowhere else).
 */
final class Versions {

	private static final Pattern VERSION = Pattern.compile("-(\\d[^/]*)\\.jar$");

	private Versions() {
	}

	/**
	 * The version of the jar that holds a class that this module does not compile against
	 * (a runtime dependency of the official client).
	 */
	static String of(String className) {
		try {
			return of(Class.forName(className, false, Versions.class.getClassLoader()));
		}
		catch (ClassNotFoundException ex) {
			return "?";
		}
	}

	static String of(Class<?> type) {
		CodeSource source = type.getProtectionDomain().getCodeSource();
		if (source == null || source.getLocation() == null) {
			return "?";
		}
		Matcher matcher = VERSION.matcher(source.getLocation().getPath());
		return matcher.find() ? matcher.group(1) : "(built from source)";
	}

}
