package io.cell0.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.scheduler.pipeline.Pipeline;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/** cell0.scheduler.* binds to a pipeline, and every bad value stops start-up with a message naming its key. */
class SchedulerPropertiesTest {
    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(SchedulerConfiguration.class);

    @Test
    void withNoPropertiesThePipelineUsesTheDefaults() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            Pipeline p = ctx.getBean(Pipeline.class);
            assertThat(p.settings().strategy()).isEqualTo("spread");
            assertThat(p.scorerWeights()).containsEntry("zone-spread", 4.0).containsKey("load-balancing");
        });
    }

    @Test
    void propertiesReachThePipeline() {
        runner.withPropertyValues("cell0.scheduler.strategy=binpack", "cell0.scheduler.weights.data-locality=9",
                "cell0.scheduler.weights.zone-affinity=0", "cell0.scheduler.disabled-plugins=zone-spread").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(Pipeline.class).scorerWeights())
                    .containsExactly(Map.entry("data-locality", 9.0), Map.entry("bin-packing", 1.0));
        });
    }

    @Test
    void snakeCaseAndCamelCasePluginNamesBindToo() {
        runner.withPropertyValues("cell0.scheduler.weights.data_locality=5", "cell0.scheduler.weights.zoneAffinity=6")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(Pipeline.class).scorerWeights())
                            .containsEntry("data-locality", 5.0).containsEntry("zone-affinity", 6.0);
                });
    }

    @Test
    void anUnknownPluginNamesTheKey() {
        assertFailsNaming("cell0.scheduler.weights.gravity", "cell0.scheduler.weights.gravity=2");
    }

    @Test
    void aNegativeWeightNamesTheKey() {
        assertFailsNaming("cell0.scheduler.weights", "cell0.scheduler.weights.zone-spread=-1");
    }

    @Test
    void anUnknownStrategyNamesTheKey() {
        assertFailsNaming("strategy", "cell0.scheduler.strategy=random");
    }

    @Test
    void aWeightThatIsNotANumberNamesTheKey() {
        assertFailsNaming("cell0.scheduler.weights.zone-spread", "cell0.scheduler.weights.zone-spread=lots");
    }

    @Test
    void disablingAFilterNamesTheKey() {
        assertFailsNaming("cell0.scheduler.disabled-plugins", "cell0.scheduler.disabled-plugins=capacity-fit");
    }

    @Test
    void aMisspeltKeyIsRefused() {
        assertFailsNaming("cell0.scheduler.stratgy", "cell0.scheduler.stratgy=spread");
    }

    private void assertFailsNaming(String key, String... properties) {
        runner.withPropertyValues(properties).run(ctx -> {
            assertThat(ctx).hasFailed();
            StringBuilder all = new StringBuilder();
            for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
                all.append(t.getMessage()).append('\n');
            }
            assertThat(all.toString()).contains(key);
        });
    }
}
