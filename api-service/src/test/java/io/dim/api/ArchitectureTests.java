package io.dim.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Module boundaries of api-service: feature packages form no cycles; shared web code uses
 * no feature.
 */
@AnalyzeClasses(packages = "io.dim.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("io.dim.api.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule sharedWebCodeDependsOnNoFeature = noClasses().that()
		.resideInAPackage("io.dim.api.web..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.dim.api.file..", "io.dim.api.endpoint..", "io.dim.api.bootstrap..", "io.dim.api.s3..");

}
