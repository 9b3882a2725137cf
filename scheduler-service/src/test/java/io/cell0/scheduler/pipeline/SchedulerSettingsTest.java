package io.cell0.scheduler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerSettingsTest {

    @Test
    void defaultsSpreadWithEveryScorerAtItsDefaultWeight() {
        SchedulerSettings s = SchedulerSettings.defaults();

        assertThat(s.strategy()).isEqualTo("spread");
        assertThat(s.weights()).isEqualTo(SchedulerSettings.DEFAULT_WEIGHTS);
        assertThat(Pipeline.from(s).scorerWeights()).containsExactly(
                Map.entry("data-locality", 3.0), Map.entry("zone-affinity", 2.0), Map.entry("zone-spread", 4.0),
                Map.entry("load-balancing", 1.0));
        assertThat(Pipeline.from(s).filterNames())
                .containsExactly("node-healthy", "zone-constraint", "distinct-nodes", "capacity-fit");
    }

    @Test
    void binpackSwapsTheLoadBalancerForTheBinPacker() {
        Pipeline p = Pipeline.from(new SchedulerSettings("BinPack", Map.of(), Set.of()));

        assertThat(p.settings().strategy()).isEqualTo("binpack");
        assertThat(p.scorerWeights()).containsKey("bin-packing").doesNotContainKey("load-balancing");
    }

    @Test
    void weightsOverrideDefaultsAndZeroOrDisablingSwitchesAScorerOff() {
        SchedulerSettings s = new SchedulerSettings("spread", Map.of("data_locality", 7.0, "zone-affinity", 0.0),
                Set.of("ZoneSpread"));

        assertThat(s.weight("data-locality")).isEqualTo(7.0);
        assertThat(s.disabledPlugins()).containsExactly("zone-spread");
        assertThat(Pipeline.from(s).scorerWeights()).containsOnlyKeys("data-locality", "load-balancing");
    }

    @Test
    void anUnknownStrategyIsRefused() {
        assertThatThrownBy(() -> new SchedulerSettings("random", Map.of(), Set.of()))
                .hasMessage("cell0.scheduler.strategy must be 'spread' or 'binpack', got 'random'");
        assertThatThrownBy(() -> new SchedulerSettings(null, Map.of(), Set.of())).hasMessageContaining("got nothing");
    }

    @Test
    void anUnknownPluginNamesTheKey() {
        assertThatThrownBy(() -> new SchedulerSettings("spread", Map.of("gravity", 1.0), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cell0.scheduler.weights.gravity: unknown scheduler plugin 'gravity'")
                .hasMessageContaining("data-locality");
        assertThatThrownBy(() -> new SchedulerSettings("spread", Map.of(), Set.of("gravity")))
                .hasMessageStartingWith("cell0.scheduler.disabled-plugins: unknown scheduler plugin 'gravity'");
    }

    @Test
    void aNegativeOrNonFiniteWeightNamesTheKey() {
        assertThatThrownBy(() -> new SchedulerSettings("spread", Map.of("zone-spread", -1.0), Set.of()))
                .hasMessage("cell0.scheduler.weights.zone-spread must be a finite number >= 0, got -1.0");
        assertThatThrownBy(() -> new SchedulerSettings("spread", Map.of("zone-spread", Double.NaN), Set.of()))
                .hasMessageContaining("cell0.scheduler.weights.zone-spread");
        Map<String, Double> withNull = new HashMap<>();
        withNull.put("zone-spread", null);
        assertThatThrownBy(() -> new SchedulerSettings("spread", withNull, Set.of()))
                .hasMessageContaining("cell0.scheduler.weights.zone-spread");
    }

    @Test
    void filtersCannotBeWeightedOrDisabled() {
        assertThatThrownBy(() -> new SchedulerSettings("spread", Map.of("capacity-fit", 1.0), Set.of()))
                .hasMessageStartingWith("cell0.scheduler.weights.capacity-fit: capacity-fit is a filter");
        assertThatThrownBy(() -> new SchedulerSettings("spread", Map.of(), Set.of("node-healthy")))
                .hasMessageStartingWith("cell0.scheduler.disabled-plugins: node-healthy is a filter");
    }

    @Test
    void twoSpellingsOfOneWeightAreRefused() {
        assertThatThrownBy(() -> new SchedulerSettings("spread", Map.of("zone-spread", 1.0, "zone_spread", 2.0), Set.of()))
                .hasMessageContaining("weight of zone-spread is given twice");
    }
}
