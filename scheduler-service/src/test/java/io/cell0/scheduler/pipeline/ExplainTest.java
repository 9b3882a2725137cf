package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static io.cell0.scheduler.pipeline.Fixtures.req;
import static io.cell0.scheduler.pipeline.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cell0.model.NodeStatus;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class ExplainTest {
    final Pipeline pipeline = Pipeline.from(SchedulerSettings.defaults());
    final ClusterView v = view(
            node("a1").zone("A").data("d1").build(),
            node("a2").zone("A").allocated(2000, 0).build(),
            node("b1").zone("B").status(NodeStatus.DOWN).build(),
            node("b2").zone("B").allocated(3900, 0).build(),
            node("c1").zone("C").quarantined().build());
    final PlacementRequest r = req("agent", 1000, 1024).withPreferredZone("A").withRequiredData(Set.of("d1"));

    @Test
    void listsEveryNodeWithTheFilterThatDroppedItOrItsScores() {
        Explanation e = pipeline.explain(v, r);

        assertThat(e.nodeCount()).isEqualTo(5);
        assertThat(e.candidates()).isEqualTo(2);
        assertThat(e.stateIndex()).isEqualTo(7);
        assertThat(e.strategy()).isEqualTo("spread");
        assertThat(e.nodes()).extracting(NodeExplanation::nodeId).containsExactly("a1", "a2", "b1", "b2", "c1");
        assertThat(e.nodes()).extracting(NodeExplanation::rank).containsExactly(1, 2, null, null, null);
        assertThat(e.nodes().subList(2, 5)).extracting(NodeExplanation::rejectedBy, NodeExplanation::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("node-healthy", "node is DOWN"),
                org.assertj.core.groups.Tuple.tuple("capacity-fit", "needs 1000m cpu, 100m free"),
                org.assertj.core.groups.Tuple.tuple("node-healthy", "node is quarantined"));
    }

    @Test
    void candidatesShowEveryEnabledScorerAndTheirSumIsTheTotal() {
        Explanation e = pipeline.explain(v, r);

        for (NodeExplanation n : e.nodes().subList(0, 2)) {
            assertThat(n.scores()).extracting(ScoreDetail::plugin)
                    .containsExactly("data-locality", "zone-affinity", "zone-spread", "load-balancing");
            assertThat(n.scores()).allSatisfy(s -> assertThat(s.weighted()).isCloseTo(s.weight() * s.normalised(), within(1e-9)));
            assertThat(n.total()).isCloseTo(n.scores().stream().mapToDouble(ScoreDetail::weighted).sum(), within(1e-9));
        }
        ScoreDetail data = e.nodes().get(1).scores().get(0);
        assertThat(data.raw()).isEqualTo(0.0);
        assertThat(data.normalised()).isEqualTo(0.0);
    }

    @Test
    void rankOneIsThePrimaryThatPlaceChooses() {
        Explanation e = pipeline.explain(v, r);

        assertThat(e.placement()).isEqualTo(pipeline.place(v, r));
        assertThat(((Placed) e.placement()).primary()).isEqualTo(e.nodes().get(0).nodeId());
    }

    @Test
    void serialisesToSnakeCaseJson() {
        JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

        String out = json.writeValueAsString(pipeline.explain(v, r.withReplicas(2)));

        assertThat(out).contains("\"agent_id\":\"agent\"", "\"state_index\":7", "\"node_count\":5",
                "\"rejected_by\":\"node-healthy\"", "\"normalised\":", "\"node_ids\":[\"a1\",\"a2\"]",
                "\"per_replica\":{\"cpu_millis\":1000", "\"outcome\":\"placed\",\"placement\":{");
    }

    @Test
    void unplaceableExplanationsStillListEveryNode() {
        Explanation e = pipeline.explain(v, req("big", 5000, 1));

        assertThat(e.candidates()).isZero();
        assertThat(e.nodes()).hasSize(5).allSatisfy(n -> assertThat(n.rejectedBy()).isNotNull());
        assertThat(e.placement()).isInstanceOf(Unplaceable.class);
    }
}
