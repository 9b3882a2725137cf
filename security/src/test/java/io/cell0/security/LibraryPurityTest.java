package io.cell0.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The library stays framework-free and clock-free; only the command-line tool may read the clock. */
class LibraryPurityTest {
    static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cell0.security");

    @Test
    void dependsOnNoFrameworkAndNotOnTheTool() {
        noClasses().that().resideInAPackage("io.cell0.security")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.ratis..", "picocli..", "io.cell0.security.cli..")
                .because("the coordinator, the services and the tool all share this code")
                .check(LIBRARY);
    }

    @Test
    void neverReadsTheClock() {
        noClasses().that().resideInAPackage("io.cell0.security")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .because("every check takes the instant to check at, so decisions are testable and repeatable")
                .check(LIBRARY);
    }
}
