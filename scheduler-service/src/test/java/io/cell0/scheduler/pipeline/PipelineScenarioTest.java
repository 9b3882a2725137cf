package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static io.cell0.scheduler.pipeline.Fixtures.req;
import static io.cell0.scheduler.pipeline.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Single placements on small in-memory clusters with the default settings. */
class PipelineScenarioTest {
    final Pipeline spread = Pipeline.from(SchedulerSettings.defaults());
    final Pipeline binpack = Pipeline.from(new SchedulerSettings("binpack", Map.of(), Set.of()));

    static ClusterView twoZonesOfThree() {
        return view(node("a1", "A"), node("a2", "A"), node("a3", "A"), node("b1", "B"), node("b2", "B"), node("b3", "B"));
    }

    @Test
    void replicasGoToDistinctNodes() {
        ClusterView v = view(node("n1", "z"), node("n2", "z"), node("n3", "z"), node("n4", "z"));

        Placed p = (Placed) spread.place(v, req("agent", 1000, 1024).withReplicas(4));

        assertThat(p.nodeIds()).containsExactlyInAnyOrder("n1", "n2", "n3", "n4");
    }

    @Test
    void twoReplicasInTwoZonesOfThreeNodesLandInDifferentZones() {
        for (int i = 0; i < 50; i++) {
            Placed p = (Placed) spread.place(twoZonesOfThree(), req("agent-" + i, 1000, 1024).withReplicas(2));

            assertThat(p.nodeIds().stream().map(id -> id.substring(0, 1)).distinct()).as(p.toString()).hasSize(2);
        }
    }

    @Test
    void replicasBeyondTheZoneCountStillSpreadEvenly() {
        Placed p = (Placed) spread.place(twoZonesOfThree(), req("agent", 1000, 1024).withReplicas(4));

        assertThat(p.nodeIds().stream().filter(id -> id.startsWith("a"))).hasSize(2);
    }

    @Test
    void thePreferredZoneWinsWhenItFits() {
        ClusterView v = view(node("a1", "A"), node("b1", "B"), node("c1", "C"));
        for (String zone : new String[] {"A", "B", "C"}) {
            Placed p = (Placed) spread.place(v, req("agent", 1000, 1024).withPreferredZone(zone));
            assertThat(p.primary()).isEqualTo(zone.toLowerCase() + "1");
        }
    }

    @Test
    void thePreferredZoneIsOnlyAPreference() {
        ClusterView v = view(node("a1").zone("A").allocated(4000, 0).build(), node("b1", "B"));

        Placed p = (Placed) spread.place(v, req("agent", 1000, 1024).withPreferredZone("A"));

        assertThat(p.primary()).isEqualTo("b1");
    }

    @Test
    void dataLocalityPullsTheAgentToItsData() {
        ClusterView v = view(node("n1", "z"), node("n2").zone("z").data("logs").build(), node("n3", "z"));

        Placed p = (Placed) spread.place(v, req("agent", 1000, 1024).withRequiredData(Set.of("logs")));

        assertThat(p.primary()).isEqualTo("n2");
    }

    @Test
    void spreadPicksTheEmptiestNodeAndBinpackTheFullest() {
        ClusterView v = view(node("empty", "z"), node("half").zone("z").allocated(2000, 4096).build(),
                node("most").zone("z").allocated(3000, 6144).build());
        PlacementRequest r = req("agent", 500, 512);

        assertThat(((Placed) spread.place(v, r)).primary()).isEqualTo("empty");
        assertThat(((Placed) binpack.place(v, r)).primary()).isEqualTo("most");
    }

    @Test
    void edgeNodesTakeAgents() {
        ClusterView v = view(node("edge").zone("z").role(NodeRole.EDGE).build());

        assertThat(spread.place(v, req("agent", 1000, 1024))).isInstanceOf(Placed.class);
    }

    @Test
    void aFullClusterIsUnplaceableAndSaysWhy() {
        ClusterView v = view(
                node("n1").zone("z").allocated(0, 8000).build(),
                node("n2").zone("z").allocated(0, 8000).build(),
                node("n3").zone("z").allocated(0, 7900).build(),
                node("n4").zone("z").draining().build());

        Placement p = spread.place(v, req("agent", 500, 1024));

        assertThat(p).isInstanceOf(Unplaceable.class);
        Unplaceable u = (Unplaceable) p;
        assertThat(u.reason()).isEqualTo("no node fits: 3 lack memory, 1 draining");
        assertThat(u.eligibleNodes()).isZero();
        assertThat(u.rejections()).containsExactly(Map.entry("draining", 1), Map.entry("lack memory", 3));
        assertThat(u.outcome()).isEqualTo("unplaceable");
    }

    @Test
    void fewerEligibleNodesThanReplicasPlacesNothing() {
        ClusterView v = view(node("n1", "z"), node("n2", "z"),
                node("n3").zone("z").status(NodeStatus.DOWN).build(), node("n4").zone("z").allocated(3900, 0).build());

        Placement p = spread.place(v, req("agent", 500, 1024).withReplicas(3));

        assertThat(p).isEqualTo(new Unplaceable("agent",
                "needs 3 distinct nodes, only 2 of 4 fit: 1 DOWN, 1 lack cpu", 2, Map.of("DOWN", 1, "lack cpu", 1)));
    }

    @Test
    void allowedZonesAreAHardConstraint() {
        ClusterView v = view(node("a1", "A"), node("b1", "B"));

        assertThat(((Placed) spread.place(v, req("agent", 1, 1).withAllowedZones(Set.of("B")).withPreferredZone("A")))
                .primary()).isEqualTo("b1");
        assertThat(((Unplaceable) spread.place(v, req("agent", 1, 1).withAllowedZones(Set.of("C")))).reason())
                .isEqualTo("no node fits: 2 outside the allowed zones");
    }

    @Test
    void anEmptyClusterIsUnplaceable() {
        assertThat(((Unplaceable) spread.place(view(), req("agent", 1, 1))).reason()).isEqualTo("no nodes in the cluster view");
    }

    @Test
    void placingDoesNotClaimAnything() {
        ClusterView v = view(node("n1", "z"));
        PlacementRequest big = req("agent", 4000, 8192);

        assertThat(spread.place(v, big)).isInstanceOf(Placed.class);
        assertThat(spread.place(v, big)).as("a lone place() has no plan to remember").isInstanceOf(Placed.class);
    }
}
