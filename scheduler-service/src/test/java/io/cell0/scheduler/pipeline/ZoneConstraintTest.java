package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ZoneConstraintTest {
    final ZoneConstraint filter = new ZoneConstraint();

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("no allowed zones means any", "eu-1", Set.of(), null),
                Arguments.of("no allowed zones accepts a node without zone", "", Set.of(), null),
                Arguments.of("zone allowed", "eu-1", Set.of("eu-1", "eu-2"), null),
                Arguments.of("zone not allowed", "us-1", Set.of("eu-2", "eu-1"),
                        "zone us-1 is not in the allowed zones [eu-1, eu-2]"),
                Arguments.of("node without zone when zones are constrained", "", Set.of("eu-1"),
                        "no zone is not in the allowed zones [eu-1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void keepsReplicasInsideTheAllowedZones(String row, String zone, Set<String> allowed, String reason) {
        NodeView n = node("n1").zone(zone).build();
        PlacementRequest r = Fixtures.req("a1", 1, 1).withAllowedZones(allowed);

        assertThat(filter.reject(n, r, PlacementContext.empty()).orElse(null)).isEqualTo(reason);
        assertThat(filter.accepts(n, r, PlacementContext.empty())).isEqualTo(reason == null);
    }
}
