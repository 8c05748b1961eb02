package io.inflow.server;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules of the server's house, checked on its bytecode: packages that do not import each other in a circle, a
 * server that never names a plugin's class (nor the plugin API a server's), and resources that reach the database
 * through services.
 */
class ArchitectureTest {

    /** The server's main classes, and the plugin API's from the classpath, where it is a dependency. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.inflow.server", "io.inflow.api");

    /** The DAOs of the store and its record sink: what a service uses, and a resource must not. */
    private static final DescribedPredicate<JavaClass> DAOS_AND_THE_RECORD_SINK = describe(
            "are DAOs of the store, or its record sink",
            type -> type.getPackageName().equals("io.inflow.server.store")
                    && (type.getSimpleName().endsWith("Dao") || type.getSimpleName().equals("RecordSink")));

    @Test
    void theServersPackagesAreFreeOfCycles() {
        slices().matching("io.inflow.server.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theServerNeverNamesAPluginsClass() {
        noClasses().that().resideInAPackage("io.inflow.server..")
                .should().dependOnClassesThat().resideInAPackage("io.inflow.plugins..")
                .check(CLASSES);
    }

    @Test
    void thePluginApiNeverNamesAServersClass() {
        noClasses().that().resideInAPackage("io.inflow.api..")
                .should().dependOnClassesThat().resideInAPackage("io.inflow.server..")
                .check(CLASSES);
    }

    @Test
    void resourcesCallServicesNotDaos() {
        noClasses().that().resideInAPackage("io.inflow.server.api..")
                .should().dependOnClassesThat(DAOS_AND_THE_RECORD_SINK)
                .check(CLASSES);
    }
}
