package io.cell0.coordinator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.model.NodeStatus;
import io.cell0.model.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityCheckTest {
    static final Resources NODE = new Resources(4_000, 8_192, 2, 100_000);
    static final Resources DEFAULT_AGENT = new Resources(500, 512, 0, 0);

    static CapacityCheck.Node node(String id, NodeStatus status, Resources allocated) {
        return new CapacityCheck.Node(id, status, NODE, allocated);
    }

    static Resources r(long cpu, long mem, long gpus) {
        return new Resources(cpu, mem, gpus, 0);
    }

    @Test
    void anEmptyClusterIsHealthyAndUsesTheConfiguredTypicalAgent() {
        Verdict v = CapacityCheck.evaluate(new CapacityCheck.Observation(List.of(node("n1", NodeStatus.HEALTHY, Resources.ZERO)),
                List.of()), 0.2, DEFAULT_AGENT);
        assertThat(v.level()).isEqualTo(Level.HEALTHY);
        assertThat(v.details()).containsEntry("nodes_fitting_typical_agent", 1L)
                .containsEntry("free_ratio", Map.of("cpu", 1.0, "memory", 1.0, "gpus", 1.0));
        assertThat(v.details().get("typical_agent")).isEqualTo(CapacityCheck.resources(DEFAULT_AGENT));
    }

    @Test
    void lessThanTwentyPercentOfAResourceFreeIsAWarning() {
        Verdict v = CapacityCheck.evaluate(new CapacityCheck.Observation(List.of(node("n1", NodeStatus.HEALTHY, r(3_500, 1_000, 0)),
                node("n2", NodeStatus.HEALTHY, r(3_000, 1_000, 0))), List.of(r(100, 100, 0))), 0.2, DEFAULT_AGENT);
        assertThat(v.level()).isEqualTo(Level.WARNING);
        assertThat(v.reasons()).singleElement().asString().startsWith("cpu: 18.8 % free");
    }

    @Test
    void whenNoHealthyNodeCanTakeTheMedianAgentItIsCritical() {
        // Free: n1 1000m, n2 1000m; a DOWN node's free capacity does not count.
        List<CapacityCheck.Node> nodes = List.of(node("n1", NodeStatus.HEALTHY, r(3_000, 0, 0)), node("n2", NodeStatus.HEALTHY, r(3_000, 0, 0)),
                node("n3", NodeStatus.DOWN, Resources.ZERO));
        List<Resources> agents = List.of(r(3_000, 10, 0), r(3_000, 10, 0), r(1_500, 10, 0));
        Verdict v = CapacityCheck.evaluate(new CapacityCheck.Observation(nodes, agents), 0.2, DEFAULT_AGENT);
        assertThat(v.level()).isEqualTo(Level.CRITICAL);
        assertThat(v.details()).containsEntry("healthy_nodes", 2).containsEntry("nodes_fitting_typical_agent", 0L);
        assertThat(v.reasons()).anyMatch(s -> s.startsWith("no healthy node can take a typical agent (3000m cpu"));
    }

    @Test
    void theMedianIsTakenPerResourceAndIsTheLowerMiddleForAnEvenCount() {
        assertThat(CapacityCheck.median(List.of(r(100, 900, 0), r(300, 100, 1), r(200, 500, 4), r(900, 300, 0))))
                .isEqualTo(r(200, 300, 0));
    }

    @Test
    void noHealthyNodeIsCriticalAndNoNodeAtAllIsOnlyAWarning() {
        assertThat(CapacityCheck.evaluate(new CapacityCheck.Observation(List.of(node("n1", NodeStatus.SUSPECT, Resources.ZERO)), List.of()),
                0.2, DEFAULT_AGENT).level()).isEqualTo(Level.CRITICAL);
        assertThat(CapacityCheck.evaluate(new CapacityCheck.Observation(List.of(), List.of()), 0.2, DEFAULT_AGENT).level())
                .isEqualTo(Level.WARNING);
    }

    @Test
    void aResourceNoNodeOffersIsNotJudged() {
        Resources noGpus = new Resources(4_000, 8_192, 0, 0);
        Verdict v = CapacityCheck.evaluate(new CapacityCheck.Observation(List.of(new CapacityCheck.Node("n1", NodeStatus.HEALTHY, noGpus,
                Resources.ZERO)), List.of()), 0.2, DEFAULT_AGENT);
        assertThat(v.level()).isEqualTo(Level.HEALTHY);
        assertThat(((Map<?, ?>) v.details().get("free_ratio")).containsKey("gpus")).isFalse();
    }
}
