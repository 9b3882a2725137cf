package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static io.cell0.scheduler.pipeline.Fixtures.res;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cell0.model.Resources;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BinPackingTest {
    final BinPacking scorer = new BinPacking();

    /** Node of 4000m cpu, 8192 MiB. */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("empty node, nothing requested", Resources.ZERO, res(0, 0), 0.0),
                Arguments.of("counts the request itself", Resources.ZERO, res(1000, 0), 25.0),
                Arguments.of("memory is the fuller resource", res(1000, 4096), res(0, 2048), 75.0),
                Arguments.of("filled exactly", res(3000, 0), res(1000, 0), 100.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void prefersHighUtilisationAfterPlacement(String row, Resources allocated, Resources want, double score) {
        NodeView n = node("n1").total(4000, 8192).allocated(allocated).build();
        PlacementRequest r = PlacementRequest.of("a1", want);

        assertThat(scorer.score(n, r, PlacementContext.empty())).isCloseTo(score, within(1e-9));
        assertThat(scorer.score(n, r, PlacementContext.empty()) + new LoadBalancing().score(n, r, PlacementContext.empty()))
                .as("the two strategies mirror each other").isCloseTo(100.0, within(1e-9));
    }
}
