package dev.conductor.auth;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The layers of DESIGN.md, the wiring on top of conductor-auth-core's: each package uses
 * only the ones before it, and only the JSON layer knows Jackson (conductor-auth-core's
 * own architecture tests hold the rules within it).
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
			.layer("autoconfigure")
			.definedBy("dev.conductor.auth.autoconfigure..")
			.whereLayer("autoconfigure")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("client")
			.mayOnlyBeAccessedByLayers("autoconfigure")
			.whereLayer("token")
			.mayOnlyBeAccessedByLayers("client", "autoconfigure")
			.whereLayer("event")
			.mayOnlyBeAccessedByLayers("token", "client", "autoconfigure")
			.whereLayer("json")
			.mayOnlyBeAccessedByLayers("token", "client")
			.allowEmptyShould(true)
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

}
