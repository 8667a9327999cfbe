package dev.runnel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/** Layering rules, checked with ArchUnit's plain API under JUnit Jupiter. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .withImportOption(ArchitectureTest::isNotGeneratedBySpringAot)
                .importPackages("dev.runnel");
    }

    /**
     * The package phase's Spring AOT sources ({@code Foo__BeanDefinitions} and the like) are compiled into
     * target/classes beside Runnel's: they wire beans across layers by design, and a build that did not clean
     * first still has them when the tests run.
     */
    private static boolean isNotGeneratedBySpringAot(Location location) {
        return !location.contains("__");
    }

    @Test
    void coreDependsOnlyOnTheJdkAndItself() {
        classes()
                .that()
                .resideInAPackage("dev.runnel.core..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.runnel.core..")
                .check(production);
    }

    /** The lease store's values, errors and expression language are plain Java, like the Kinesis core. */
    @Test
    void leaseStoreModelDependsOnlyOnTheJdkAndItself() {
        classes()
                .that()
                .resideInAnyPackage("dev.runnel.leasestore.model..", "dev.runnel.leasestore.expression..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.runnel.leasestore.model..", "dev.runnel.leasestore.expression..")
                .check(production);
    }

    @Test
    void storageDoesNotDependOnSpring() {
        noClasses()
                .that()
                .resideInAPackage("dev.runnel.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(production);
    }

    @Test
    void bucket4jLivesOnlyInThrottling() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.runnel.throttling..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.bucket4j..")
                .check(production);
    }

    /**
     * Runnel's own controllers (not Spring's {@code @RestController} annotation) and classes nested in them. The
     * REST controllers live beside the services they call (records, streams), so they are exempt as subjects.
     */
    private static final DescribedPredicate<JavaClass> RUNNEL_CONTROLLER = DescribedPredicate.describe(
            "a Runnel controller or a class nested in one",
            c -> c.getPackageName().startsWith("dev.runnel") && isController(c));

    private static boolean isController(JavaClass c) {
        return c.getSimpleName().endsWith("Controller")
                || c.getEnclosingClass().map(ArchitectureTest::isController).orElse(false);
    }

    @Test
    void theDomainDoesNotDependOnEdges() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.runnel.core..", "dev.runnel.storage..", "dev.runnel.streams..", "dev.runnel.records..")
                .and(DescribedPredicate.not(RUNNEL_CONTROLLER))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..aws..", "..console..")
                .orShould()
                .dependOnClassesThat(RUNNEL_CONTROLLER)
                .check(production);
    }

    /** One class per operation, each a bean {@code AwsOperations} finds; what operations share lives in aws.shapes. */
    @Test
    void awsOperationsHoldsOnlyOperations() {
        classes()
                .that()
                .resideInAPackage("dev.runnel.aws.operations")
                .and()
                .areTopLevelClasses()
                .should()
                .implement("dev.runnel.aws.AwsOperation")
                .andShould()
                .beAnnotatedWith("org.springframework.stereotype.Component")
                .check(production);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.runnel.(*)..").should().beFreeOfCycles().check(production);
    }

    /**
     * The layers, bottom to top: the pure core and the settings; the storage ports and adapters; per-node support
     * (limits, traffic, faults, tokens); the services (and the REST controllers beside them); the edges (AWS
     * protocol, REST error handling, console, metrics); and the composition root ({@code system}), which wires
     * them and which nothing imports.
     */
    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Core")
                .definedBy("dev.runnel.core..")
                .layer("Settings")
                .definedBy("dev.runnel.settings..")
                .layer("Storage")
                .definedBy("dev.runnel.storage..")
                .layer("Support")
                .definedBy(
                        "dev.runnel.throttling..", "dev.runnel.insight..", "dev.runnel.faults..", "dev.runnel.tokens..")
                .layer("Services")
                .definedBy(
                        "dev.runnel.streams..",
                        "dev.runnel.records..",
                        "dev.runnel.regions..",
                        "dev.runnel.leasestore..",
                        "dev.runnel.metricsink..")
                .layer("Edges")
                .definedBy("dev.runnel.aws..", "dev.runnel.web..", "dev.runnel.console..", "dev.runnel.metrics..")
                .layer("Root")
                .definedBy("dev.runnel.system..")
                .whereLayer("Root")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Edges")
                .mayOnlyBeAccessedByLayers("Edges", "Root")
                .whereLayer("Services")
                .mayOnlyBeAccessedByLayers("Services", "Edges", "Root")
                .whereLayer("Support")
                .mayOnlyBeAccessedByLayers("Support", "Services", "Edges", "Root")
                .whereLayer("Storage")
                .mayOnlyBeAccessedByLayers("Services", "Root")
                .whereLayer("Settings")
                .mayOnlyBeAccessedByLayers("Support", "Services", "Edges", "Root")
                .check(production);
    }

    /** Components are found only where RunnelApplication scans; one elsewhere would silently not be a bean. */
    @Test
    void componentsLiveInTheScannedPackages() {
        String[] scanned = Arrays.stream(RunnelApplication.class
                        .getAnnotation(SpringBootApplication.class)
                        .scanBasePackages())
                .map(p -> p + "..")
                .toArray(String[]::new);
        classes()
                .that()
                .areMetaAnnotatedWith(Component.class)
                .and()
                .doNotHaveFullyQualifiedName(RunnelApplication.class.getName())
                .should()
                .resideInAnyPackage(scanned)
                .check(production);
    }

    @Test
    void theRulesSeeTheClassesTheyAreAbout() {
        assertThat(production.stream()
                        .filter(c -> c.getPackageName().startsWith("dev.runnel.core"))
                        .count())
                .isGreaterThan(20);
        assertThat(production.stream()
                        .filter(c -> c.getPackageName().startsWith("dev.runnel.storage"))
                        .count())
                .isGreaterThan(5);
        assertThat(production.stream().filter(RUNNEL_CONTROLLER).count())
                .as("controllers present")
                .isPositive();
        assertThat(production.contain("dev.runnel.ArchitectureTest"))
                .as("tests excluded")
                .isFalse();
    }
}
