package io.cell0.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** cell0.coordinator.* binds, and a bad value stops start-up with a message naming its key. */
class CoordinatorClientPropertiesTest {
    @Configuration
    @EnableConfigurationProperties(CoordinatorClientProperties.class)
    static class Props {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Props.class);

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

    private void assertFailsNaming(String key, String property) {
        runner.withPropertyValues(property).run(ctx -> {
            assertThat(ctx).hasFailed();
            StringBuilder all = new StringBuilder();
            for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
                all.append(t.getMessage()).append('\n');
            }
            assertThat(all.toString()).contains(key);
        });
    }
}
