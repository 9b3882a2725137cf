package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static io.cell0.scheduler.pipeline.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pipeline scales each scorer's raw numbers to 0-100 over the candidates, weights them and sums. */
class NormalisationAndWeightingTest {
    final ClusterView abc = view(node("a", "z1"), node("b", "z1"), node("c", "z1"));
    final PlacementRequest req = Fixtures.req("agent", 100, 100);

    static Pipeline pipeline(List<ScorePlugin> scorers, List<Double> weights) {
        return new Pipeline(SchedulerSettings.defaults(), Plugins.FILTERS, scorers, weights);
    }

    @Test
    void minMaxMapsTheRangeOntoZeroToHundred() {
        assertThat(Normalisation.minMax(0, 0, 10)).isEqualTo(0.0);
        assertThat(Normalisation.minMax(5, 0, 10)).isEqualTo(50.0);
        assertThat(Normalisation.minMax(10, 0, 10)).isEqualTo(100.0);
        assertThat(Normalisation.minMax(-3, -5, -1)).isEqualTo(50.0);
    }

    @Test
    void whenEveryCandidateScoresTheSameAllGetHundred() {
        assertThat(Normalisation.minMax(42, 42, 42)).isEqualTo(100.0);
    }

    @Test
    void weightsDecideBetweenDisagreeingScorers() {
        // x: a=0 b=5 c=10 -> 0 50 100;  y: a=100 b=100 c=0 -> 100 100 0
        ScorePlugin x = new TableScorer("x", Map.of("a", 0.0, "b", 5.0, "c", 10.0));
        ScorePlugin y = new TableScorer("y", Map.of("a", 100.0, "b", 100.0, "c", 0.0));

        // weights 1, 3: a=300 b=350 c=100
        Explanation e = pipeline(List.of(x, y), List.of(1.0, 3.0)).explain(abc, req);
        assertThat(totals(e)).containsExactly(Map.entry("b", 350.0), Map.entry("a", 300.0), Map.entry("c", 100.0));
        assertThat(((Placed) e.placement()).primary()).isEqualTo("b");

        // weights 3, 1: a=100 b=250 c=300
        Placement swapped = pipeline(List.of(x, y), List.of(3.0, 1.0)).place(abc, req);
        assertThat(((Placed) swapped).primary()).isEqualTo("c");
    }

    @Test
    void eachContributionIsWeightTimesNormalisedScore() {
        ScorePlugin x = new TableScorer("x", Map.of("a", 2.0, "b", 4.0, "c", 3.0));
        Explanation e = pipeline(List.of(x), List.of(2.5)).explain(abc, req);

        NodeExplanation c = e.nodes().stream().filter(n -> n.nodeId().equals("c")).findFirst().orElseThrow();
        ScoreDetail d = c.scores().get(0);
        assertThat(d.plugin()).isEqualTo("x");
        assertThat(d.raw()).isEqualTo(3.0);
        assertThat(d.normalised()).isCloseTo(50.0, within(1e-9));
        assertThat(d.weight()).isEqualTo(2.5);
        assertThat(d.weighted()).isCloseTo(125.0, within(1e-9));
        assertThat(c.total()).isCloseTo(125.0, within(1e-9));
    }

    @Test
    void theScaleOfRawScoresDoesNotMatter() {
        ScorePlugin small = new TableScorer("x", Map.of("a", 1.0, "b", 2.0, "c", 3.0));
        ScorePlugin huge = new TableScorer("y", Map.of("a", 3e6, "b", 1e6, "c", 2e6));
        ScorePlugin large = new TableScorer("x", Map.of("a", 1000.0, "b", 2000.0, "c", 3000.0));

        // After scaling both are 0/50/100 vs 100/0/50: a=100, b=50, c=150 with equal weights.
        assertThat(((Placed) pipeline(List.of(small, huge), List.of(1.0, 1.0)).place(abc, req)).primary()).isEqualTo("c");
        assertThat(totals(pipeline(List.of(small, huge), List.of(1.0, 1.0)).explain(abc, req)))
                .isEqualTo(totals(pipeline(List.of(large, huge), List.of(1.0, 1.0)).explain(abc, req)));
    }

    @Test
    void aScorerThatCannotTellCandidatesApartChangesNoRanking() {
        ScorePlugin x = new TableScorer("x", Map.of("a", 1.0, "b", 3.0, "c", 2.0));
        ScorePlugin flat = new TableScorer("flat", Map.of("a", 7.0, "b", 7.0, "c", 7.0));

        Explanation e = pipeline(List.of(x, flat), List.of(1.0, 1000.0)).explain(abc, req);
        assertThat(totals(e).keySet()).containsExactly("b", "c", "a");
        assertThat(e.nodes().get(0).scores().get(1).normalised()).isEqualTo(100.0);
    }

    @Test
    void normalisationSpansTheSurvivorsOnly() {
        ClusterView withDrained = view(node("a", "z1"), node("b", "z1"), node("c", "z1"), node("d").draining().build());
        ScorePlugin x = new TableScorer("x", Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 1000.0));

        Explanation e = pipeline(List.of(x), List.of(1.0)).explain(withDrained, req);
        assertThat(totals(e)).containsExactly(Map.entry("c", 100.0), Map.entry("b", 50.0), Map.entry("a", 0.0));
    }

    private static Map<String, Double> totals(Explanation e) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        e.nodes().stream().filter(NodeExplanation::eligible).forEach(n -> out.put(n.nodeId(), n.total()));
        return out;
    }
}
