package io.cell0.coordinator.it;

import static org.awaitility.Awaitility.await;

import io.cell0.coordinator.fault.AgentExclusivityChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Agents in a fault run: the scheduler-service runs beside the cluster (as root, like the clients,
 * so cuts do not touch it) and places a few demo agents that write a timestamped line every 0.2 s.
 * After the run two invariants are checked: <b>no agent lost</b> — every agent is running again on
 * some node once the cluster has healed — and <b>never on two nodes at once</b> — from the agents'
 * own files ({@link AgentExclusivityChecker}).
 */
final class AgentWorkload implements AutoCloseable {
    static final long WRITE_INTERVAL_MS = 200;

    private final LocalCluster cluster;
    private final SchedulerProcess scheduler;
    private final List<String> agents = new ArrayList<>();
    /** Per agent, what the last check saw (for the violation message). */
    private final Map<String, String> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();

    AgentWorkload(LocalCluster cluster, Path dir) throws IOException {
        this.cluster = cluster;
        this.scheduler = new SchedulerProcess(cluster.nodes.get(0).host, cluster.nodes, dir, cluster);
    }

    /** Deploys {@code count} demo agents, retrying each (with its idempotency key) until accepted. */
    void deploy(int count) {
        String body = """
                {"agent_type": "demo", "config": {"command": ["/bin/sh", "%s"], "restart": "always",
                 "env": {"CELL0_DEMO_INTERVAL": "%s"}},
                 "placement": {"replicas": 1}, "resources": {"cpu_millis": 50, "memory_mb": 32}}"""
                .formatted(System.getProperty("cell0.demo.agent"), WRITE_INTERVAL_MS / 1000.0);
        for (int i = 0; i < count; i++) {
            String key = "fault-agent-" + UUID.randomUUID();
            int[] turn = {0};
            String[] id = new String[1];
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                CoordinatorProcess node = cluster.nodes.get(turn[0]++ % cluster.nodes.size());
                var r = cluster.client.postWithKey(node, "/federation/agents", body, key);
                id[0] = r.body().path("agent_id").stringValue();
                return (r.status() == 200 || r.status() == 201) && id[0] != null;
            });
            agents.add(id[0]);
        }
    }

    /** Waits until every agent runs (placed and reported running); returns the violations. */
    List<String> checkNoneLost(Duration within) {
        List<String> missing = new ArrayList<>(agents);
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                missing.removeIf(this::running);
                return missing.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below
        }
        return missing.stream().map(id -> "agent lost: " + id + " is not running anywhere " + within.toSeconds() + " s after healing; last seen: "
                + lastSeen.getOrDefault(id, "nothing")).toList();
    }

    private boolean running(String id) {
        for (CoordinatorProcess p : cluster.alive()) {
            try {
                var r = cluster.client.get(p, "/federation/agents/" + id + "?stale=true");
                lastSeen.put(id, p.id + " answered " + r.status() + " " + r.body());
                if (r.status() == 200) {
                    JsonNode a = r.body();
                    String node = a.path("node").stringValue();
                    return node != null && "running".equals(a.path("runtime").path(node).path("phase").stringValue());
                }
            } catch (IOException | RuntimeException e) {
                lastSeen.put(id, p.id + ": " + e);
                // try the next node
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Every line the agents wrote, on every node. */
    List<AgentExclusivityChecker.Write> writes() throws IOException {
        List<AgentExclusivityChecker.Write> out = new ArrayList<>();
        for (CoordinatorProcess p : cluster.nodes) {
            for (String id : agents) {
                Path counter = p.dataDir().resolve("agents").resolve(id).resolve("counter.txt");
                if (Files.exists(counter)) {
                    out.addAll(AgentExclusivityChecker.parse(Files.readAllLines(counter)));
                }
            }
        }
        return out;
    }

    /** Violations of "never on two nodes at once"; a gap of five missed writes starts a new run. */
    List<String> checkExclusive() throws IOException {
        return AgentExclusivityChecker.check(writes(), 5 * WRITE_INTERVAL_MS);
    }

    /** Per agent, where it ran and when (for the report). */
    Map<String, List<AgentExclusivityChecker.Run>> runs() throws IOException {
        return new TreeMap<>(AgentExclusivityChecker.runs(writes(), 5 * WRITE_INTERVAL_MS));
    }

    int count() {
        return agents.size();
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.close();
    }

}
