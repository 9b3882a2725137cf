package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DistinctNodesTest {
    final DistinctNodes filter = new DistinctNodes();

    static Stream<Arguments> rows() {
        NodeView a = node("a", "z1");
        NodeView b = node("b", "z1");
        NodeView c = node("c", "z2");
        return Stream.of(
                Arguments.of("nothing chosen yet", List.of(), a, null),
                Arguments.of("another node holds the primary", List.of(b), a, null),
                Arguments.of("holds the primary", List.of(a), a, "already holds the primary of this request"),
                Arguments.of("holds the second replica", List.of(b, a), a, "already holds replica 2 of this request"),
                Arguments.of("same zone is not the same node", List.of(a, b), c, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void dropsANodeHoldingAnotherReplicaOfTheRequest(String row, List<NodeView> chosen, NodeView n, String reason) {
        PlacementContext ctx = PlacementContext.of(chosen, Map.of());
        PlacementRequest r = Fixtures.req("a1", 1, 1).withReplicas(3);

        assertThat(filter.reject(n, r, ctx).orElse(null)).isEqualTo(reason);
        assertThat(filter.accepts(n, r, ctx)).isEqualTo(reason == null);
    }
}
