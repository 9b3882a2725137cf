package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ZoneAffinityTest {
    final ZoneAffinity scorer = new ZoneAffinity();

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("preferred zone matches (seed: 50)", "eu-1", "eu-1", 50.0),
                Arguments.of("preferred zone differs (seed: 10)", "eu-2", "eu-1", 10.0),
                Arguments.of("node without zone", "", "eu-1", 10.0),
                Arguments.of("no preference is neutral", "eu-1", "", 0.0),
                Arguments.of("blank preference is no preference", "eu-1", "  ", 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void favoursThePreferredZone(String row, String nodeZone, String preferred, double score) {
        NodeView n = node("n1").zone(nodeZone).build();
        PlacementRequest r = Fixtures.req("a1", 1, 1).withPreferredZone(preferred);

        assertThat(scorer.score(n, r, PlacementContext.empty())).isEqualTo(score);
    }
}
