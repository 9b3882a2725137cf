package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DataLocalityTest {
    final DataLocality scorer = new DataLocality();

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("nothing required is neutral", new String[] {"d1"}, Set.of(), 0.0),
                Arguments.of("nothing required, nothing held", new String[] {}, Set.of(), 0.0),
                Arguments.of("all present", new String[] {"d1", "d2", "x"}, Set.of("d1", "d2"), 100.0),
                Arguments.of("half present", new String[] {"d1"}, Set.of("d1", "d2"), 50.0),
                Arguments.of("one of three", new String[] {"d3"}, Set.of("d1", "d2", "d3"), 100.0 / 3),
                Arguments.of("none present", new String[] {"x"}, Set.of("d1"), 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void scoresTheShareOfRequiredDataHeldLocally(String row, String[] held, Set<String> required, double score) {
        NodeView n = node("n1").data(held).build();
        PlacementRequest r = Fixtures.req("a1", 1, 1).withRequiredData(required);

        assertThat(scorer.score(n, r, PlacementContext.empty())).isCloseTo(score, within(1e-9));
    }
}
