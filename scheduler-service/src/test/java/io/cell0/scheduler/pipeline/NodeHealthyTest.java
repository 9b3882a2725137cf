package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeHealthyTest {
    final NodeHealthy filter = new NodeHealthy();

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("healthy voter", node("n").build(), null, null),
                Arguments.of("healthy observer", node("n").role(NodeRole.OBSERVER).build(), null, null),
                Arguments.of("healthy edge node runs agents", node("n").role(NodeRole.EDGE).build(), null, null),
                Arguments.of("suspect", node("n").status(NodeStatus.SUSPECT).build(), "node is SUSPECT", "SUSPECT"),
                Arguments.of("down", node("n").status(NodeStatus.DOWN).build(), "node is DOWN", "DOWN"),
                Arguments.of("left", node("n").status(NodeStatus.LEFT).build(), "node is LEFT", "LEFT"),
                Arguments.of("quarantined", node("n").quarantined().build(), "node is quarantined", "quarantined"),
                Arguments.of("draining", node("n").draining().build(), "node is draining", "draining"),
                Arguments.of("down and draining reports the status", node("n").status(NodeStatus.DOWN).draining().build(),
                        "node is DOWN", "DOWN"),
                Arguments.of("quarantined and draining reports quarantine", node("n").quarantined().draining().build(),
                        "node is quarantined", "quarantined"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void onlyHealthyNodesThatAreNeitherQuarantinedNorDrainingPass(String row, NodeView n, String reason, String label) {
        PlacementRequest r = Fixtures.req("a1", 1, 1);

        assertThat(filter.reject(n, r, PlacementContext.empty()).orElse(null)).isEqualTo(reason);
        assertThat(filter.accepts(n, r, PlacementContext.empty())).isEqualTo(reason == null);
        if (reason != null) {
            assertThat(filter.label(reason)).isEqualTo(label);
        }
    }
}
