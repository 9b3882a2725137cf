package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static io.cell0.scheduler.pipeline.Fixtures.res;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cell0.model.Resources;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoadBalancingTest {
    final LoadBalancing scorer = new LoadBalancing();

    /** Node of 4000m cpu, 8192 MiB. */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("empty node, tiny request", Resources.ZERO, res(0, 0), 100.0),
                Arguments.of("counts the request itself", Resources.ZERO, res(1000, 0), 75.0),
                Arguments.of("memory is the scarcer resource", res(1000, 4096), res(0, 2048), 25.0),
                Arguments.of("cpu is the scarcer resource", res(3000, 0), res(1000, 0), 0.0),
                Arguments.of("half used", res(2000, 4096), res(0, 0), 50.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void prefersLowUtilisationAfterPlacement(String row, Resources allocated, Resources want, double score) {
        NodeView n = node("n1").total(4000, 8192).allocated(allocated).build();

        assertThat(scorer.score(n, PlacementRequest.of("a1", want), PlacementContext.empty())).isCloseTo(score, within(1e-9));
    }

    @Test
    void countsThisRoundsEarlierPlacements() {
        NodeView n = node("n1").total(4000, 8192).build();
        PlacementContext ctx = PlacementContext.of(List.of(), Map.of("n1", res(2000, 0)));

        assertThat(scorer.score(n, Fixtures.req("a1", 1000, 0), ctx)).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void aResourceTheNodeHasNoneOfIsIgnored() {
        NodeView n = node("n1").total(new Resources(0, 8192, 0, 0)).allocated(res(0, 2048)).build();

        assertThat(scorer.score(n, Fixtures.req("a1", 0, 0), PlacementContext.empty())).isCloseTo(75.0, within(1e-9));
    }
}
