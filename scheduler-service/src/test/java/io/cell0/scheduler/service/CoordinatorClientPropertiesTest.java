package io.cell0.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.security.TlsMaterial;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * cell0.coordinator.* and security.tls.* bind, and a bad value (for TLS also a missing file) stops
 * start-up with a message naming its key.
 */
class CoordinatorClientPropertiesTest {
    @Configuration
    @EnableConfigurationProperties({CoordinatorClientProperties.class, TlsProperties.class})
    static class Props {
        @Bean
        Optional<TlsMaterial> material(TlsProperties tls) {
            return tls.load();
        }
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Props.class).withPropertyValues("security.tls.enabled=false");

    @Test
    void urlsBindInOrder() {
        runner.withPropertyValues("cell0.coordinator.urls=http://127.0.0.11:8080,http://127.0.0.12:8080").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(CoordinatorClientProperties.class).urls())
                    .containsExactly("http://127.0.0.11:8080", "http://127.0.0.12:8080");
        });
    }

    @Test
    void badValuesNameTheirKey() {
        assertFailsNaming("cell0.coordinator.urls", "cell0.coordinator.urls=not a url");
        assertFailsNaming("cell0.coordinator.maxPlanSize", "cell0.coordinator.max-plan-size=0");
        assertFailsNaming("cell0.coordinator.watchTimeoutMs", "cell0.coordinator.watch-timeout-ms=999999");
    }

    @Test
    void tlsIsOnByDefaultSoItsFilesAreRequired() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
                .withUserConfiguration(Props.class).run(ctx -> assertThat(failure(ctx)).contains("security.tls.ca-cert:"));
    }

    @Test
    void aMissingTlsFileNamesItsKey(@TempDir Path dir) {
        assertFailsNaming("security.tls.ca-cert:", "security.tls.enabled=true", "security.tls.ca-cert=" + dir.resolve("nope.crt"),
                "security.tls.cert=" + dir.resolve("a.crt"), "security.tls.key=" + dir.resolve("a.key"));
    }

    private void assertFailsNaming(String key, String... properties) {
        runner.withPropertyValues(properties).run(ctx -> assertThat(failure(ctx)).contains(key));
    }

    /** Every message in the start-up failure's cause chain; fails if the context started. */
    private static String failure(org.springframework.boot.test.context.assertj.AssertableApplicationContext ctx) {
        assertThat(ctx).hasFailed();
        StringBuilder all = new StringBuilder();
        for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
