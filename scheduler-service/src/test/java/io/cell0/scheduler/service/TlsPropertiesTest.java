package io.cell0.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.security.TlsMaterial;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** security.tls.* is on by default, and a missing or unreadable file stops start-up naming its key. */
class TlsPropertiesTest {
    @Configuration
    @EnableConfigurationProperties(TlsProperties.class)
    static class Props {
        @Bean
        Optional<TlsMaterial> material(TlsProperties tls) {
            return tls.load();
        }
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Props.class);

    @Test
    void onByDefaultSoTheFilesAreRequired() {
        assertFailsNaming("security.tls.ca-cert");
    }

    @Test
    void aMissingFileNamesItsKey(@TempDir Path dir) {
        assertFailsNaming("security.tls.ca-cert", "security.tls.ca-cert=" + dir.resolve("nope.crt"),
                "security.tls.cert=" + dir.resolve("a.crt"), "security.tls.key=" + dir.resolve("a.key"));
    }

    @Test
    void offNeedsNoFiles() {
        runner.withPropertyValues("security.tls.enabled=false").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(TlsProperties.class).load()).isEmpty();
        });
    }

    private void assertFailsNaming(String key, String... properties) {
        runner.withPropertyValues(properties).run(ctx -> {
            assertThat(ctx).hasFailed();
            StringBuilder all = new StringBuilder();
            for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
                all.append(t.getMessage()).append('\n');
            }
            assertThat(all.toString()).contains(key + ":");
        });
    }
}
