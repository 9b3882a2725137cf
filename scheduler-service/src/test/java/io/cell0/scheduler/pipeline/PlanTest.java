package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static io.cell0.scheduler.pipeline.Fixtures.req;
import static io.cell0.scheduler.pipeline.Fixtures.res;
import static io.cell0.scheduler.pipeline.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cell0.model.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batches placed together: shared accounting of spare capacity, and queue order. */
class PlanTest {
    final Pipeline pipeline = Pipeline.from(SchedulerSettings.defaults());

    @Test
    void manyRequestsNeverOvercommitANode() {
        ClusterView v = view(node("n1", "A"), node("n2", "A"), node("n3", "B"),
                node("n4").zone("B").allocated(1000, 2048).build());
        List<PlacementRequest> reqs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reqs.add(req("agent-" + i, 1000, 1024).withSubmittedAt(i));
        }

        Plan plan = pipeline.plan(v, reqs);

        assertThat(plan.placed()).hasSize(15); // 4 + 4 + 4 + 3 cores
        assertThat(plan.unplaceable()).hasSize(5).allSatisfy(u -> assertThat(u.reason()).isEqualTo("no node fits: 4 lack cpu"));
        Map<String, Resources> sums = new HashMap<>();
        plan.placed().forEach(p -> p.nodeIds().forEach(id -> sums.merge(id, p.perReplica(), Resources::plus)));
        sums.forEach((id, sum) -> assertThat(sum.fitsWithin(v.node(id).orElseThrow().free())).as(id).isTrue());
        assertThat(plan.plannedByNode()).isEqualTo(sums);
    }

    @Test
    void replicasClaimCapacityOnEveryNodeTheyUse() {
        ClusterView v = view(node("n1", "A"), node("n2", "B"));

        Plan plan = pipeline.plan(v, List.of(req("x", 3000, 1024).withReplicas(2), req("y", 2000, 1024).withSubmittedAt(1)));

        assertThat(plan.plannedByNode()).containsEntry("n1", res(3000, 1024)).containsEntry("n2", res(3000, 1024));
        assertThat(plan.unplaceable()).extracting(Unplaceable::agentId).containsExactly("y");
    }

    @Test
    void higherPriorityIsServedFirstThenOlder() {
        ClusterView v = view(node("only", "A"));
        PlacementRequest oldLow = req("old-low", 3000, 1024).withSubmittedAt(1);
        PlacementRequest newHigh = req("new-high", 3000, 1024).withSubmittedAt(9).withPriority(5);

        Plan plan = pipeline.plan(v, List.of(oldLow, newHigh));

        assertThat(plan.placed()).extracting(Placed::agentId).containsExactly("new-high");
        assertThat(plan.unplaceable()).extracting(Unplaceable::agentId).containsExactly("old-low");
    }

    @Test
    void placementsAreListedInServingOrder() {
        ClusterView v = view(node("n1", "A"), node("n2", "A"));
        List<PlacementRequest> reqs = List.of(
                req("c", 10, 10).withSubmittedAt(3), req("a", 10, 10).withSubmittedAt(3).withPriority(1),
                req("b", 10, 10).withSubmittedAt(1), req("d", 10, 10).withSubmittedAt(3));

        assertThat(pipeline.plan(v, reqs).placed()).extracting(Placed::agentId).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aRequestThatDoesNotFitDoesNotBlockSmallerOnes() {
        ClusterView v = view(node("n1", "A"));
        Plan plan = pipeline.plan(v, List.of(req("huge", 8000, 1).withPriority(9), req("small", 1000, 1)));

        assertThat(plan.placed()).extracting(Placed::agentId).containsExactly("small");
    }

    @Test
    void thePlanCarriesTheViewsStateIndex() {
        assertThat(pipeline.plan(ClusterView.of(1234, List.of(node("n1", "A"))), List.of(req("a", 1, 1))).stateIndex())
                .isEqualTo(1234);
    }

    @Test
    void twoRequestsForOneAgentAreRefused() {
        assertThatThrownBy(() -> pipeline.plan(view(node("n1", "A")), List.of(req("a", 1, 1), req("a", 2, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent a is requested twice");
    }

    @Test
    void spreadSpreadsABatchOverNodes() {
        ClusterView v = view(node("n1", "A"), node("n2", "A"), node("n3", "A"), node("n4", "A"));
        List<PlacementRequest> reqs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reqs.add(req("agent-" + i, 500, 512).withSubmittedAt(i));
        }

        Plan plan = pipeline.plan(v, reqs);

        assertThat(plan.plannedByNode().values()).containsOnly(res(1000, 1024));
    }
}
