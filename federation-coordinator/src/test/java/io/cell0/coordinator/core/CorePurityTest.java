package io.cell0.coordinator.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core must stay pure and deterministic: every replica must compute the same state from the same log. */
class CorePurityTest {
    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cell0.coordinator.core");

    @Test
    void dependsOnlyOnTheJdkBasicsAndTheModel() {
        noClasses().that().resideInAPackage("io.cell0.coordinator.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.ratis..", "java.time..", "java.util.concurrent..", "java.io..",
                        "java.nio..", "java.net..", "java.security..", "java.lang.reflect..", "io.cell0.coordinator.consensus..",
                        "io.cell0.coordinator.api..", "io.cell0.coordinator.config..")
                .because("the core is applied identically on every replica and must not see time, I/O, threads or frameworks")
                .check(CORE);
    }

    @Test
    void neverReadsTheClockOrRandomnessOrStartsThreads() {
        noClasses().that().resideInAPackage("io.cell0.coordinator.core..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Math.class, "random")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .because("time and identifiers are stamped into commands before they are proposed")
                .check(CORE);
    }

    @Test
    void iteratesOnlySortedCollections() {
        noClasses().that().resideInAPackage("io.cell0.coordinator.core..")
                .should().dependOnClassesThat().areAssignableTo(java.util.HashMap.class)
                .because("HashMap iteration order could differ between JVMs; state maps are TreeMaps")
                .check(CORE);
    }
}
