package dev.conductor.auth;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The layers of the shared module (DESIGN.md): each package uses only the ones before it,
 * none knows anything of Spring Boot but {@code ExitCodeGenerator}, so that both
 * starters' wirings can build on it, and only the JSON layer knows Jackson, of which it
 * uses the streaming API of either line.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption((location) -> !location.contains("-tests.jar"))
		.importPackages("dev.conductor.auth");

	@Test
	void eachLayerUsesOnlyTheLayersBeforeIt() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("json")
			.definedBy("dev.conductor.auth.json..")
			.layer("event")
			.definedBy("dev.conductor.auth.event..")
			.layer("token")
			.definedBy("dev.conductor.auth.token..")
			.layer("client")
			.definedBy("dev.conductor.auth.client..")
			.whereLayer("client")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("token")
			.mayOnlyBeAccessedByLayers("client")
			.whereLayer("event")
			.mayOnlyBeAccessedByLayers("token", "client")
			.whereLayer("json")
			.mayOnlyBeAccessedByLayers("token", "client")
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

}
