package io.cell0.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorApplicationTest {
    @TempDir
    Path dir;

    @Test
    void configFlagBecomesASpringConfigImport() throws Exception {
        Path f = Files.writeString(dir.resolve("federation.yaml"), "cluster:\n  id: x\n");
        assertThat(CoordinatorApplication.withFederationConfig(new String[] {"--config", f.toString(), "--x=1"}, null))
                .containsExactly("--x=1", "--spring.config.import=file:" + f.toAbsolutePath());
        assertThat(CoordinatorApplication.withFederationConfig(new String[] {"--config=" + f}, null))
                .containsExactly("--spring.config.import=file:" + f.toAbsolutePath());
    }

    @Test
    void theEnvironmentVariableIsUsedWhenNoFlagIsGivenAndOddExtensionsAreReadAsYaml() throws Exception {
        Path f = Files.writeString(dir.resolve("federation.conf"), "cluster:\n  id: x\n");
        assertThat(CoordinatorApplication.withFederationConfig(new String[0], f.toString()))
                .containsExactly("--spring.config.import=file:" + f.toAbsolutePath() + "[.yaml]");
        assertThat(CoordinatorApplication.withFederationConfig(new String[0], null)).isEmpty();
    }

    @Test
    void aMissingFileOrPathIsAClearError() {
        assertThatThrownBy(() -> CoordinatorApplication.withFederationConfig(new String[] {"--config"}, null))
                .hasMessageContaining("--config needs a file path");
        assertThatThrownBy(() -> CoordinatorApplication.withFederationConfig(new String[] {"--config", dir.resolve("no").toString()}, null))
                .hasMessageContaining("does not exist");
    }
}
