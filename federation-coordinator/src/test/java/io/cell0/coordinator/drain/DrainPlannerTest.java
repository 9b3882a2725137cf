package io.cell0.coordinator.drain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.model.AgentConfig;
import io.cell0.model.AgentPlacement;
import io.cell0.model.AgentState;
import io.cell0.model.NodeCapabilities;
import io.cell0.model.NodeInfo;
import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import io.cell0.model.ReplicaStatus;
import io.cell0.model.ResourceCapacity;
import io.cell0.model.Resources;
import io.cell0.model.RuntimePhase;
import io.cell0.model.command.AgentEvict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which copies the leader takes off draining nodes, and which it leaves for later. */
class DrainPlannerTest {
    static NodeInfo node(String id, boolean draining) {
        return new NodeInfo(id, NodeRole.VOTER, id + ":1", id + ":2", NodeCapabilities.NONE,
                new ResourceCapacity(new Resources(4000, 4096, 0, 0), Resources.ZERO), NodeStatus.HEALTHY, 0, 0, "", draining);
    }

    static NodeInfo full(String id) {
        return new NodeInfo(id, NodeRole.VOTER, id + ":1", id + ":2", NodeCapabilities.NONE,
                new ResourceCapacity(new Resources(4000, 4096, 0, 0), new Resources(4000, 0, 0, 0)), NodeStatus.HEALTHY, 0, 0, "", false);
    }

    static AgentPlacement agent(String id, List<String> nodes, List<String> running, List<String> stopping) {
        TreeMap<String, ReplicaStatus> rt = new TreeMap<>();
        running.forEach(n -> rt.put(n, new ReplicaStatus(RuntimePhase.RUNNING, -1, 0, "", 1)));
        return new AgentPlacement(id, new AgentConfig("demo", "{}", new Resources(100, 0, 0, 0), nodes.size(), "", 0), nodes.get(0),
                nodes.subList(1, nodes.size()), AgentState.RUNNING, 1, 0, "", rt, "", stopping);
    }

    static List<String> ids(List<AgentEvict> evictions) {
        return evictions.stream().map(e -> e.agentId() + "@" + e.nodeId()).toList();
    }

    @Test
    void onlyDrainingNodesLoseCopiesAndAtMostMaxParallelAtOnce() {
        List<NodeInfo> nodes = List.of(node("n1", true), node("n2", false));
        List<AgentPlacement> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(agent("a" + i, List.of("n1"), List.of("n1"), List.of()));
        }
        agents.add(agent("b", List.of("n2"), List.of("n2"), List.of()));
        assertThat(ids(DrainPlanner.next(nodes, agents, 3, Set.of(), 7))).containsExactly("a0@n1", "a1@n1", "a2@n1");
        assertThat(DrainPlanner.next(nodes, agents, 3, Set.of(), 7)).allSatisfy(e -> {
            assertThat(e.timestamp()).isEqualTo(7);
            assertThat(e.reason()).isEqualTo("node n1 is draining");
        });
    }

    @Test
    void copiesStillToConfirmAndProposalsInFlightCountAgainstTheLimit() {
        List<NodeInfo> nodes = List.of(node("n1", true), node("n2", false));
        List<AgentPlacement> agents = List.of(
                agent("moved", List.of("n2"), List.of(), List.of("n1")),
                agent("proposed", List.of("n1"), List.of("n1"), List.of()),
                agent("next", List.of("n1"), List.of("n1"), List.of()),
                agent("later", List.of("n1"), List.of("n1"), List.of()));
        assertThat(ids(DrainPlanner.next(nodes, agents, 3, Set.of("proposed"), 1))).containsExactly("next@n1");
    }

    @Test
    void anAgentWithSeveralCopiesGivesOneUpOnlyWhileTheOthersRun() {
        List<NodeInfo> nodes = List.of(node("n1", true), node("n2", false), node("n3", false));
        List<AgentPlacement> agents = List.of(
                agent("healthy-pair", List.of("n1", "n2"), List.of("n1", "n2"), List.of()),
                agent("other-copy-down", List.of("n1", "n3"), List.of("n1"), List.of()),
                agent("already-moving", List.of("n1", "n2"), List.of("n1", "n2"), List.of("n3")));
        assertThat(ids(DrainPlanner.next(nodes, agents, 10, Set.of(), 1))).containsExactly("healthy-pair@n1");
    }

    @Test
    void aSoleCopyStaysWhereItIsWhileNoOtherNodeHasRoomForIt() {
        List<AgentPlacement> agents = List.of(agent("solo", List.of("n1"), List.of("n1"), List.of()));
        assertThat(DrainPlanner.next(List.of(node("n1", true), full("n2")), agents, 10, Set.of(), 1)).isEmpty();
        assertThat(DrainPlanner.next(List.of(node("n1", true), node("n2", true)), agents, 10, Set.of(), 1))
                .as("the only other node drains too").isEmpty();
        assertThat(ids(DrainPlanner.next(List.of(node("n1", true), full("n2"), node("n3", false)), agents, 10, Set.of(), 1)))
                .containsExactly("solo@n1");
    }

    @Test
    void aNodeThatLeftOrIsNotDrainingIsLeftAlone() {
        NodeInfo left = node("n1", true).withStatus(NodeStatus.LEFT);
        List<AgentPlacement> agents = List.of(agent("a", List.of("n1"), List.of("n1"), List.of()));
        assertThat(DrainPlanner.next(List.of(left), agents, 10, Set.of(), 1)).isEmpty();
        assertThat(DrainPlanner.next(List.of(node("n1", false)), agents, 10, Set.of(), 1)).isEmpty();
    }
}
