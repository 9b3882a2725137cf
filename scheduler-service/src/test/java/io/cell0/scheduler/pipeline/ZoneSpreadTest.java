package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ZoneSpreadTest {
    final ZoneSpread scorer = new ZoneSpread();

    static Stream<Arguments> rows() {
        NodeView a1 = node("a1", "A");
        NodeView a2 = node("a2", "A");
        NodeView b1 = node("b1", "B");
        return Stream.of(
                Arguments.of("primary: nothing chosen, every zone is fresh", List.of(), "A", 100.0),
                Arguments.of("zone without replicas", List.of(a1), "B", 100.0),
                Arguments.of("zone with one replica", List.of(a1, b1), "A", 50.0),
                Arguments.of("zone with two replicas", List.of(a1, a2, b1), "A", 100.0 / 3),
                Arguments.of("node without zone shares the empty zone only", List.of(a1), "", 100.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void prefersZonesHoldingFewerReplicasOfTheRequest(String row, List<NodeView> chosen, String zone, double score) {
        NodeView n = node("n9").zone(zone).build();
        PlacementContext ctx = PlacementContext.of(chosen, Map.of());

        assertThat(scorer.score(n, Fixtures.req("a", 1, 1).withReplicas(4), ctx)).isCloseTo(score, within(1e-9));
    }
}
