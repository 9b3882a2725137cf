package io.cell0.scheduler.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Placement must be reproducible from its inputs alone: same view and request, same answer, anywhere. */
class PipelinePurityTest {
    static final JavaClasses PIPELINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cell0.scheduler.pipeline");

    @Test
    void dependsOnlyOnTheJdkBasicsAndTheModel() {
        noClasses().that().resideInAPackage("io.cell0.scheduler.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta..", "tools.jackson..", "com.fasterxml..", "java.time..",
                        "java.util.concurrent..", "java.io..", "java.nio..", "java.net..", "java.lang.reflect..",
                        "io.cell0.scheduler.config..")
                .because("the pipeline is a pure function of the view and the request, testable and benchmarkable alone")
                .check(PIPELINE);
    }

    @Test
    void neverReadsTheClockOrRandomnessOrStartsThreads() {
        noClasses().that().resideInAPackage("io.cell0.scheduler.pipeline..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Math.class, "random")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().areAssignableTo(Runnable.class)
                .because("ties are broken by a hash of the ids, so a plan can be recomputed in a post-mortem")
                .check(PIPELINE);
    }
}
