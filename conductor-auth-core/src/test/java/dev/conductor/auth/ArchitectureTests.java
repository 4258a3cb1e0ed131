package dev.conductor.auth;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The layers of the shared module (DESIGN.md): each package uses only the ones before it
 * (the OAuth2 token source and the HTTP client adapters know nothing of each other), none
 * knows anything of Spring Boot but {@code ExitCodeGenerator}, so that both starters'
 * wirings can build on it, only the OAuth2 layer knows Spring Security, and only the JSON
 * layer knows Jackson, of which it uses the streaming API of either line.
 */
class ArchitectureTests {

	/**
	 * {@code HttpHeaders} methods whose calls, compiled against one line, do not link (or
	 * fail) on the other. Spring Framework 6.2's {@code HttpHeaders} is a
	 * {@code MultiValueMap<String, String>}; 7.0's is no {@code Map} at all. So the Map
	 * API that 6.2 has ({@code remove(Object)}, {@code get(Object)}, {@code keySet()},
	 * and the {@code Map} defaults it inherits) is gone in 7.0; what 7.0 has instead
	 * ({@code remove(String)}, {@code get(String)}, {@code containsHeader},
	 * {@code headerNames()}) is missing in 6.2, and the same source compiles to one
	 * descriptor or the other. Listed by name, since a name here has no form that links
	 * on both: a call to it, compiled against either line, fails on the other.
	 */
	private static final Set<String> LINE_SPECIFIC_HEADER_METHODS = Set.of(
			// 6.2: the Map API of a MultiValueMap, and its defaults
			"containsKey", "containsValue", "get", "remove", "keySet", "values", "entrySet", "getOrEmpty",
			"getOrDefault", "compute", "computeIfAbsent", "computeIfPresent", "merge", "replace", "replaceAll",
			"addIfAbsent", "writableHttpHeaders",
			// 7.0: what replaced it
			"containsHeader", "containsHeaderValue", "hasHeaderValues", "headerNames", "asMultiValueMap", "copyOf");

	/**
	 * {@code HttpHeaders} methods that take headers whole: one argument that is a
	 * {@code Map}, a {@code MultiValueMap} or {@code HttpHeaders}. Given an
	 * {@code HttpHeaders}, 6.2 resolves them to the {@code Map} form
	 * ({@code putAll(Map)}, {@code addAll(MultiValueMap)},
	 * {@code new HttpHeaders(MultiValueMap)}), which 7.0 has but cannot run with headers
	 * that are no {@code Map} ({@code IncompatibleClassChangeError}); 7.0 resolves them
	 * to an {@code HttpHeaders} form that 6.2 lacks. The rule cannot see the argument, so
	 * it forbids them with a plain {@code Map} too: copy headers one by one instead.
	 */
	private static final Set<String> WHOLE_HEADERS_METHODS = Set.of("putAll", "addAll", "<init>");

	private static final List<String> WHOLE_HEADERS_TYPES = List.of("java.util.Map",
			"org.springframework.util.MultiValueMap", "org.springframework.http.HttpHeaders");

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption((location) -> !location.contains("-tests.jar"))
		.importPackages("dev.conductor.auth");

	@Test
	void eachLayerUsesOnlyTheLayersBeforeIt() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("json")
			.definedBy("dev.conductor.auth.json..")
			.layer("http")
			.definedBy("dev.conductor.auth.http..")
			.layer("event")
			.definedBy("dev.conductor.auth.event..")
			.layer("token")
			.definedBy("dev.conductor.auth.token..")
			.layer("oauth2")
			.definedBy("dev.conductor.auth.oauth2..")
			.layer("client")
			.definedBy("dev.conductor.auth.client..")
			.whereLayer("client")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("oauth2")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("token")
			.mayOnlyBeAccessedByLayers("oauth2", "client")
			.whereLayer("event")
			.mayOnlyBeAccessedByLayers("token", "oauth2", "client")
			.whereLayer("http")
			.mayOnlyBeAccessedByLayers("token", "oauth2")
			.whereLayer("json")
			.mayOnlyBeAccessedByLayers("token", "oauth2", "client")
			.check(classes);
	}

	@Test
	void onlyTheOAuth2LayerUsesSpringSecurity() {
		// spring-security-oauth2-client is optional: nothing else may need it
		noClasses().that()
			.resideOutsideOfPackage("dev.conductor.auth.oauth2..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.security..")
			.check(classes);
	}

	@Test
	void noLayerUsesSpringBootButExitCodeGenerator() {
		noClasses().that()
			.resideInAnyPackage("dev.conductor.auth..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe("are Spring Boot types other than ExitCodeGenerator",
					(type) -> type.getPackageName().startsWith("org.springframework.boot")
							&& !type.getName().equals("org.springframework.boot.ExitCodeGenerator")))
			.check(classes);
	}

	@Test
	void onlyTheJsonLayerUsesJackson() {
		// so that the rest runs on whichever Jackson line the application brings
		noClasses().that()
			.resideOutsideOfPackage("dev.conductor.auth.json..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..")
			.check(classes);
	}

	@Test
	void theJsonLayerUsesNothingButTheJdkAndJacksonCore() {
		// the streaming API of either line, never databind: the two streaming APIs differ
		// so little that one logic walks both
		classes().that()
			.resideInAPackage("dev.conductor.auth.json..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "org.jspecify..", "tools.jackson.core..", "com.fasterxml.jackson.core..",
					"dev.conductor.auth.json..")
			.check(classes);
	}

	@Test
	void theCodeThatRunsOnBothSpringLinesCallsOnlyHttpHeadersMethodsOfBoth() {
		noClasses().that()
			.resideInAnyPackage("dev.conductor.auth.http..", "dev.conductor.auth.event..", "dev.conductor.auth.token..",
					"dev.conductor.auth.oauth2..", "dev.conductor.auth.client..")
			.should()
			.accessTargetWhere(DescribedPredicate.describe(
					"is an HttpHeaders method that does not link on both Spring Framework 6.2 and 7.0",
					ArchitectureTests::isLineSpecificHeaderMethod))
			.check(classes);
	}

	private static boolean isLineSpecificHeaderMethod(JavaAccess<?> access) {
		AccessTarget target = access.getTarget();
		if (!(target instanceof AccessTarget.CodeUnitAccessTarget codeUnit)
				|| !target.getOwner().isAssignableTo(HttpHeaders.class)) {
			return false;
		}
		if (LINE_SPECIFIC_HEADER_METHODS.contains(target.getName())) {
			return true;
		}
		List<JavaClass> parameters = codeUnit.getRawParameterTypes();
		return WHOLE_HEADERS_METHODS.contains(target.getName()) && parameters.size() == 1
				&& WHOLE_HEADERS_TYPES.contains(parameters.get(0).getName());
	}

}
