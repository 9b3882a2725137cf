package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Agents end to end on real processes: three coordinators (4 cores and 8 GiB each; node-1 and node-3
 * in zone-1, node-2 in zone-2), the scheduler-service jar, and the demo agent run by each node's
 * runtime. Replicas land on distinct nodes and across zones, the processes exist and count, the
 * resources are accounted, deletion stops the processes and frees the resources, and a full cluster
 * keeps an agent pending with its reason until capacity is freed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentsIT {
    @RegisterExtension
    static final ClusterExtension cluster = new ClusterExtension(LocalCluster.Options.voters(3));
    static SchedulerProcess scheduler;
    static final List<String> deployed = new ArrayList<>();

    @BeforeAll
    static void startScheduler() throws Exception {
        Path dir = Files.createTempDirectory("cell0-sched-");
        scheduler = new SchedulerProcess(cluster.node(1).host, cluster.get().nodes, dir, cluster.get());
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var s = cluster.api().getUrl(scheduler.url() + "/scheduler/status");
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.body().path("nodes").asInt()).isEqualTo(3);
        });
    }

    @AfterAll
    static void stopScheduler() throws Exception {
        if (scheduler != null) {
            System.err.println("scheduler log tail:\n" + scheduler.logTail(30));
            scheduler.close();
        }
    }

    /**
     * What a real client does: a 503 (no quorum at that moment — leaders change often on this loaded
     * two-core machine) is retried, with an Idempotency-Key so a retry cannot create a second agent.
     */
    static ClusterClient.Response create(CoordinatorProcess node, String body) {
        return createOn(cluster, node, body);
    }

    static ClusterClient.Response createOn(ClusterExtension cluster, CoordinatorProcess node, String body) {
        String key = "it-" + java.util.UUID.randomUUID();
        ClusterClient.Response[] last = new ClusterClient.Response[1];
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = cluster.api().postWithKey(node, "/federation/agents", body, key);
            return last[0].status() != 503;
        });
        return last[0];
    }

    static void delete(CoordinatorProcess node, String id) {
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            int status = cluster.api().delete(node, "/federation/agents/" + id).status();
            assertThat(status).as("delete " + id).isIn(200, 404);
        });
    }

    static String demoAgent(int cpuMillis, int replicas) {
        return """
                {"agent_type": "demo", "config": {"command": ["/bin/sh", "%s"], "restart": "always"},
                 "placement": {"replicas": %d}, "resources": {"cpu_millis": %d, "memory_mb": 64}}"""
                .formatted(System.getProperty("cell0.demo.agent"), replicas, cpuMillis);
    }

    Map<String, String> zones() throws Exception {
        Map<String, String> zones = new HashMap<>();
        JsonNode w = cluster.api().get(cluster.node(1), "/federation/watch?since=0&timeout_ms=0").body();
        w.path("nodes").forEach(n -> zones.put(n.path("node_id").stringValue(), n.path("zone").stringValue()));
        return zones;
    }

    long allocatedCpu() throws Exception {
        JsonNode w = cluster.api().get(cluster.node(1), "/federation/watch?since=0&timeout_ms=0").body();
        long sum = 0;
        for (JsonNode n : w.path("nodes")) {
            sum += n.path("allocated").path("cpu_millis").asLong();
        }
        return sum;
    }

    static Path pidFile(String nodeId, String agentId) {
        return pidFile(cluster, nodeId, agentId);
    }

    static Path pidFile(ClusterExtension cluster, String nodeId, String agentId) {
        CoordinatorProcess p = cluster.get().byId(nodeId).orElseThrow();
        return p.dataDir().resolve("agents").resolve(agentId).resolve("agent.pid");
    }

    static long pidOf(String nodeId, String agentId) throws Exception {
        return pidOf(cluster, nodeId, agentId);
    }

    static long pidOf(ClusterExtension cluster, String nodeId, String agentId) throws Exception {
        return Long.parseLong(Files.readString(pidFile(cluster, nodeId, agentId)).trim().split(" ")[0]);
    }

    @Test
    @Order(1)
    void twentyDemoAgentsWithTwoReplicasRunOnDistinctNodesAcrossZones() throws Exception {
        for (int i = 0; i < 20; i++) {
            var r = create(cluster.get().nodes.get(i % 3), demoAgent(150, 2));
            assertThat(r.status()).as(r.body().toString()).isIn(200, 201);
            deployed.add(r.body().path("agent_id").stringValue());
        }
        Map<String, String> zones = zones();
        await().ignoreExceptions().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : deployed) {
                JsonNode a = cluster.api().get(cluster.node(1), "/federation/agents/" + id).body();
                assertThat(a.path("state").stringValue()).as(a.toString()).isEqualTo("running");
                List<String> nodes = new ArrayList<>();
                nodes.add(a.path("node").stringValue());
                a.path("replicas").forEach(n -> nodes.add(n.stringValue()));
                assertThat(nodes).as(id).hasSize(2).doesNotHaveDuplicates();
                assertThat(new HashSet<>(nodes.stream().map(zones::get).toList())).as("zones of " + id).hasSize(2);
                for (String node : nodes) {
                    assertThat(a.path("runtime").path(node).path("phase").stringValue()).as(id + " on " + node).isEqualTo("running");
                }
            }
        });
        // The processes exist, one per copy, and the demo agent writes its counter in its state directory.
        for (String id : deployed) {
            JsonNode a = cluster.api().get(cluster.node(1), "/federation/agents/" + id + "?stale=true").body();
            for (String node : List.of(a.path("node").stringValue(), a.path("replicas").get(0).stringValue())) {
                long pid = pidOf(node, id);
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid %d of %s on %s", pid, id, node).contains(true);
                Path counter = pidFile(node, id).resolveSibling("counter.txt");
                await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(counter) && !Files.readAllLines(counter).isEmpty());
            }
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(allocatedCpu()).isEqualTo(20 * 2 * 150));
        var explain = cluster.api().getUrl(scheduler.url() + "/scheduler/placements/" + deployed.get(0) + "/explain");
        assertThat(explain.status()).isEqualTo(200);
        assertThat(explain.body().path("nodes")).hasSize(3);
    }

    @Test
    @Order(2)
    void deletingTheAgentsStopsTheirProcessesAndFreesTheirResources() throws Exception {
        List<Long> pids = new ArrayList<>();
        for (String id : deployed) {
            JsonNode a = cluster.api().get(cluster.node(1), "/federation/agents/" + id + "?stale=true").body();
            pids.add(pidOf(a.path("node").stringValue(), id));
            pids.add(pidOf(a.path("replicas").get(0).stringValue(), id));
            delete(cluster.node(2), id);
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d", pid).isFalse();
            }
        });
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(allocatedCpu()).isZero());
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cluster.api().get(cluster.node(3), "/federation/agents").body().path("agents")).isEmpty());
    }

    @Test
    @Order(3)
    void aFullClusterKeepsAnAgentPendingWithItsReasonUntilCapacityIsFreed() throws Exception {
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var r = create(cluster.node(1), demoAgent(3500, 1));
            assertThat(r.status()).isIn(200, 201);
            big.add(r.body().path("agent_id").stringValue());
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : big) {
                assertThat(cluster.api().get(cluster.node(1), "/federation/agents/" + id).body().path("state").stringValue())
                        .isEqualTo("running");
            }
        });
        var extra = create(cluster.node(1), demoAgent(3500, 1));
        String waiting = extra.body().path("agent_id").stringValue();
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode a = cluster.api().get(cluster.node(1), "/federation/agents/" + waiting).body();
            assertThat(a.path("state").stringValue()).isEqualTo("pending");
            assertThat(a.path("pending_reason").stringValue()).startsWith("scheduler:").contains("cpu");
        });
        delete(cluster.node(1), big.get(0));
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode a = cluster.api().get(cluster.node(1), "/federation/agents/" + waiting).body();
            assertThat(a.path("state").stringValue()).isEqualTo("running");
            assertThat(a.path("pending_reason").stringValue()).isEmpty();
        });
        Set<String> all = new HashSet<>(big.subList(1, 3));
        all.add(waiting);
        for (String id : all) {
            delete(cluster.node(1), id);
        }
    }

    /**
     * A second scheduler replica plans from its own view at the same time. Both submit plans for the
     * same pending agents; the state machine re-checks every placement, so no node ever holds more
     * than it has: 30 agents of 500m over 3 x 4000m place exactly 24, and 6 stay pending.
     */
    @Test
    @Order(4)
    void twoSchedulersAtOnceNeverOvercommitANode() throws Exception {
        Path dir = Files.createTempDirectory("cell0-sched2-");
        try (SchedulerProcess second = new SchedulerProcess(cluster.node(2).host, List.of(cluster.node(3), cluster.node(2)), dir,
                cluster.get())) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(cluster.api().getUrl(second.url() + "/scheduler/status").body().path("nodes").asInt()).isEqualTo(3));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                var r = create(cluster.get().nodes.get(i % 3),
                        demoAgent(500, 1).replace("\"command\": [\"/bin/sh\", \"" + System.getProperty("cell0.demo.agent") + "\"], ", ""));
                assertThat(r.status()).as(r.body().toString()).isIn(200, 201);
                ids.add(r.body().path("agent_id").stringValue());
            }
            await().ignoreExceptions().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode list = cluster.api().get(cluster.node(1), "/federation/agents").body().path("agents");
                int running = 0;
                int pending = 0;
                for (JsonNode a : list) {
                    if (ids.contains(a.path("agent_id").stringValue())) {
                        running += "running".equals(a.path("state").stringValue()) ? 1 : 0;
                        pending += "pending".equals(a.path("state").stringValue()) ? 1 : 0;
                    }
                }
                assertThat(running).isEqualTo(24);
                assertThat(pending).isEqualTo(6);
            });
            JsonNode w = cluster.api().get(cluster.node(1), "/federation/watch?since=0&timeout_ms=0").body();
            for (JsonNode n : w.path("nodes")) {
                assertThat(n.path("allocated").path("cpu_millis").asLong()).as(n.path("node_id").stringValue())
                        .isLessThanOrEqualTo(n.path("total").path("cpu_millis").asLong());
            }
            var status1 = cluster.api().getUrl(scheduler.url() + "/scheduler/status").body();
            var status2 = cluster.api().getUrl(second.url() + "/scheduler/status").body();
            assertThat(status1.path("plans_submitted").asLong() + status2.path("plans_submitted").asLong()).isGreaterThanOrEqualTo(2);
            for (String id : ids) {
                delete(cluster.node(1), id);
            }
        }
    }
}
