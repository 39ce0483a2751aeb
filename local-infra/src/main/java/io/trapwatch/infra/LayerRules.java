package io.trapwatch.infra;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every service keeps (checked by each service's {@code ArchitectureTest}): {@code domain} uses
 * only the JDK (its {@code javax.crypto} included), the wire types, Jackson's annotations and itself; dependencies point one way, from the entry points
 * ({@code rest}, {@code messaging}) to {@code service}, and from there to {@code repository}, {@code client} and
 * {@code domain}; and no two packages depend on each other in a cycle.
 */
public final class LayerRules {

    private LayerRules() {
    }

    /** Checks the main classes under {@code basePackage}, e.g. {@code io.trapwatch.detection}; throws on a violation. */
    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        domainIsFrameworkFree(basePackage).check(classes);
        layersPointOneWay(basePackage).check(classes);
        slices().matching(basePackage + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    static ArchRule domainIsFrameworkFree(String base) {
        return noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax.crypto..", "io.trapwatch.model..",
                        "com.fasterxml.jackson.annotation..", base + ".domain..")
                .because("the domain is plain Java (at most JSON names as annotations, like the wire types)");
    }

    static ArchRule layersPointOneWay(String base) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy(base + ".rest..")
                .layer("messaging").definedBy(base + ".messaging..")
                .layer("service").definedBy(base + ".service..")
                .layer("repository").definedBy(base + ".repository..")
                .layer("client").definedBy(base + ".client..")
                .layer("domain").definedBy(base + ".domain..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("messaging").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "messaging")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("rest", "messaging", "service")
                .whereLayer("client").mayOnlyBeAccessedByLayers("rest", "service")
                .withOptionalLayers(true);
    }
}
