package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cell0.coordinator.fault.AgentExclusivityChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Draining a node on real processes (three coordinators, the scheduler, the demo agent): its agents
 * move to other nodes, the old copy stops before the new one starts (checked from the demo agent's
 * own timestamps), an agent with two copies keeps one running throughout and gets its second copy
 * back on another node, the drained node takes no
 * new agent until it is undrained, and bad requests are refused with problem+json.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrainIT {
    @RegisterExtension
    static final ClusterExtension cluster = new ClusterExtension(LocalCluster.Options.voters(3));
    static SchedulerProcess scheduler;

    @BeforeAll
    static void startScheduler() throws Exception {
        scheduler = SchedulerProcess.startSeeingAll(cluster);
    }

    @AfterAll
    static void stopScheduler() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    static String demo(int replicas) {
        return """
                {"agent_type": "demo", "config": {"command": ["/bin/sh", "%s"], "restart": "always",
                 "env": {"CELL0_DEMO_INTERVAL": "0.2"}},
                 "placement": {"replicas": %d}, "resources": {"cpu_millis": 100, "memory_mb": 64}}"""
                .formatted(System.getProperty("cell0.demo.agent"), replicas);
    }

    static JsonNode agent(String id) throws Exception {
        return cluster.api().get(cluster.get().alive().get(0), "/federation/agents/" + id).body();
    }

    /** Waits until every copy of the agent reports running; returns its nodes, primary first. */
    static List<String> running(String id, int copies) {
        List<String> nodes = new ArrayList<>();
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode a = agent(id);
            nodes.clear();
            nodes.add(a.path("node").stringValue());
            a.path("replicas").forEach(r -> nodes.add(r.stringValue()));
            assertThat(nodes).hasSize(copies).doesNotContainNull();
            for (String n : nodes) {
                assertThat(a.path("runtime").path(n).path("phase").stringValue()).as(n).isEqualTo("running");
            }
            assertThat(a.path("stopping")).isEmpty();
        });
        return nodes;
    }

    static Path counter(String nodeId, String agentId) {
        return AgentsIT.pidFile(cluster, nodeId, agentId).resolveSibling("counter.txt");
    }

    static List<AgentExclusivityChecker.Write> writes(String nodeId, String agentId) throws Exception {
        Path f = counter(nodeId, agentId);
        return Files.exists(f) ? AgentExclusivityChecker.parse(Files.readAllLines(f)) : List.of();
    }

    @Test
    @Order(1)
    void drainingANodeMovesItsAgentsAwayWithoutEverRunningOneTwice() throws Exception {
        String solo = AgentsIT.createOn(cluster, cluster.node(1), demo(1)).body().path("agent_id").stringValue();
        String pair = AgentsIT.createOn(cluster, cluster.node(1), demo(2)).body().path("agent_id").stringValue();
        String from = running(solo, 1).get(0);
        List<String> pairNodes = running(pair, 2);
        CoordinatorProcess any = cluster.node(1);
        // Let the solo agent write a few lines where it is.
        await().atMost(Duration.ofSeconds(10)).until(() -> writes(from, solo).size() >= 3);

        var r = cluster.api().post(any, "/federation/nodes/" + from + "/drain", "");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().path("draining").asBoolean()).isTrue();
        assertThat(r.body().path("node_id").stringValue()).isEqualTo(from);

        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(cluster.api().get(any, "/federation/nodes/" + from + "/drain").body().path("phase").stringValue())
                        .isEqualTo("drained"));
        String to = running(solo, 1).get(0);
        assertThat(to).isNotEqualTo(from);
        await().atMost(Duration.ofSeconds(10)).until(() -> writes(to, solo).size() >= 3);

        // From the agent's own files: the copy on the drained node stopped before the new one began.
        List<AgentExclusivityChecker.Write> all = new ArrayList<>(writes(from, solo));
        all.addAll(writes(to, solo));
        assertThat(AgentExclusivityChecker.check(all, 1_000)).as("overlapping runs of " + solo).isEmpty();
        long lastOld = writes(from, solo).stream().mapToLong(AgentExclusivityChecker.Write::epochMs).max().orElseThrow();
        long firstNew = writes(to, solo).stream().mapToLong(AgentExclusivityChecker.Write::epochMs).min().orElseThrow();
        assertThat(firstNew).as("first write on " + to + " after the last on " + from).isGreaterThan(lastOld);
        System.out.printf("DrainIT: %s moved %s -> %s; %d ms without a write%n", solo, from, to, firstNew - lastOld);

        // The two-copy agent runs two copies again, none on the drained node; if it had one there, the
        // copy it kept never stopped writing while the other moved.
        List<String> pairNow = running(pair, 2);
        assertThat(pairNow).doesNotContain(from);
        if (pairNodes.contains(from)) {
            String kept = pairNodes.stream().filter(n -> !n.equals(from)).findFirst().orElseThrow();
            assertThat(pairNow).contains(kept);
            long drainStart = lastOld - 2_000;
            assertThat(writes(kept, pair).stream().filter(w -> w.epochMs() > drainStart).count()).as("the kept copy kept writing")
                    .isGreaterThan(5);
        } else {
            assertThat(pairNow).containsExactlyInAnyOrderElementsOf(pairNodes);
        }
        assertThat(ProcessHandle.of(AgentsIT.pidOf(cluster, from, solo)).map(ProcessHandle::isAlive).orElse(false))
                .as("the old copy's process").isFalse();
    }

    @Test
    @Order(2)
    void aDrainedNodeTakesNoNewAgentUntilItIsUndrained() throws Exception {
        CoordinatorProcess any = cluster.node(2);
        JsonNode nodes = cluster.api().get(any, "/federation/nodes").body();
        String drained = null;
        for (JsonNode n : nodes.path("nodes")) {
            if (n.path("draining").asBoolean()) {
                drained = n.path("node_id").stringValue();
            }
        }
        assertThat(drained).as("the node drained by the previous test").isNotNull();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(AgentsIT.createOn(cluster, any, demo(1)).body().path("agent_id").stringValue());
        }
        for (String id : ids) {
            assertThat(running(id, 1)).doesNotContain(drained);
        }
        var r = cluster.api().delete(any, "/federation/nodes/" + drained + "/drain");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("phase").stringValue()).isEqualTo("not_draining");
        assertThat(cluster.api().get(any, "/federation/nodes/" + drained).body().path("draining").asBoolean()).isFalse();
        // A two-copy-per-node load now needs the undrained node again.
        String wide = AgentsIT.createOn(cluster, any, demo(3)).body().path("agent_id").stringValue();
        assertThat(running(wide, 3)).contains(drained);
    }

    @Test
    @Order(3)
    void badDrainRequestsAreProblemsAndChangeNothing() throws Exception {
        CoordinatorProcess any = cluster.node(3);
        var unknown = cluster.api().post(any, "/federation/nodes/node-9/drain", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().path("detail").stringValue()).contains("node-9");
        var invalid = cluster.api().post(any, "/federation/nodes/bad%20id/drain", "");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(cluster.api().get(any, "/federation/nodes/node-9/drain").status()).isEqualTo(404);
        JsonNode nodes = cluster.api().get(any, "/federation/nodes").body();
        assertThat(nodes.path("nodes")).hasSize(3);
        nodes.path("nodes").forEach(n -> assertThat(n.path("draining").asBoolean()).as(n.path("node_id").stringValue()).isFalse());
    }
}
