package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The Actuator health groups and the Prometheus metrics on three real coordinator processes: every
 * group UP on a healthy cluster; a follower paused with SIGSTOP while writes go on makes
 * {@code replication} a WARNING on the leader (HTTP 200) until it catches up; a cluster whose cpu is
 * all allocated is CRITICAL in {@code capacity} (HTTP 503); and with two of three nodes killed the
 * survivor's {@code consensus} is CRITICAL (503) while {@code readiness} and {@code liveness} stay UP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIT {
    // Loopback round trips on a loaded 2-core machine say nothing about zones; the 50 ms rule is unit-tested.
    @RegisterExtension
    static final ClusterExtension cluster = new ClusterExtension(LocalCluster.Options.voters(3).withYaml("""
            health:
              term_stable_ms: 3000
              cross_zone_warning_ms: 2000
              probe_interval_ms: 500
              probe_timeout_ms: 500
            """));
    static final String[] GROUPS = {"consensus", "replication", "connectivity", "capacity"};

    static ClusterClient.Response health(CoordinatorProcess p, String group) throws Exception {
        return cluster.api().get(p, "/actuator/health" + (group.isEmpty() ? "" : "/" + group));
    }

    /** The details of a group's single indicator ({@code consensus} holds {@code consensusCheck}, ...). */
    static JsonNode details(ClusterClient.Response r, String group) {
        return r.body().path("components").path(group + "Check").path("details");
    }

    static String status(ClusterClient.Response r) {
        return r.body().path("status").stringValue();
    }

    @Test
    @Order(1)
    void onAHealthyClusterEveryGroupIsUpOnEveryNode() throws Exception {
        cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(30));
        // Until every group is UP, which includes a term stable for term_stable_ms.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            for (CoordinatorProcess p : cluster.get().nodes) {
                for (String group : GROUPS) {
                    var r = health(p, group);
                    assertThat(r.status()).as(p.id + " " + group + ": " + r.body()).isEqualTo(200);
                    assertThat(status(r)).as(p.id + " " + group + ": " + r.body()).isEqualTo("UP");
                }
                for (String probe : new String[] {"liveness", "readiness", ""}) {
                    var r = health(p, probe);
                    assertThat(r.status()).as(p.id + " " + probe + ": " + r.body()).isEqualTo(200);
                    assertThat(status(r)).isEqualTo("UP");
                }
            }
        });
        CoordinatorProcess leader = cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(30));
        for (CoordinatorProcess p : cluster.get().nodes) {
            JsonNode consensus = details(health(p, "consensus"), "consensus");
            assertThat(consensus.path("leader").stringValue()).as(consensus.toString()).isEqualTo(leader.id);
            assertThat(consensus.path("role").stringValue()).isEqualTo(p == leader ? "leader" : "follower");
            assertThat(consensus.path("voters").asInt()).isEqualTo(3);
            JsonNode connectivity = details(health(p, "connectivity"), "connectivity");
            assertThat(connectivity.path("peers_reachable").asInt()).isEqualTo(2);
            // One entry per zone the peers are in (node-1 and node-3: zone-1, node-2: zone-2).
            java.util.Set<String> peerZones = new java.util.TreeSet<>();
            connectivity.path("peers").forEach(peer -> peerZones.add(peer.path("zone").stringValue()));
            assertThat(peerZones).isNotEmpty();
            for (String zone : peerZones) {
                assertThat(connectivity.path("zones").path(zone).path("rtt_ms").asLong()).as(connectivity.toString()).isGreaterThanOrEqualTo(0);
            }
            assertThat(connectivity.path("zones").size()).isEqualTo(peerZones.size());
            JsonNode capacity = details(health(p, "capacity"), "capacity");
            assertThat(capacity.path("healthy_nodes").asInt()).isEqualTo(3);
            assertThat(capacity.path("free_ratio").path("cpu").asDouble()).isEqualTo(1.0);
        }
        JsonNode replication = details(health(leader, "replication"), "replication");
        assertThat(replication.path("role").stringValue()).isEqualTo("leader");
        assertThat(replication.path("followers").size()).isEqualTo(2);
    }

    /** Retries a write through 503 (an election), as a real client would. */
    static void write(CoordinatorProcess via, String key, String value) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() ->
                assertThat(cluster.api().putConfig(via, key, value).status()).isEqualTo(200));
    }

    @Test
    @Order(2)
    void aPausedFollowerIsAReplicationWarningOnTheLeaderUntilItCatchesUp() throws Exception {
        CoordinatorProcess leader = cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(30));
        CoordinatorProcess follower = cluster.get().nodes.stream().filter(p -> p != leader).findFirst().orElseThrow();
        List<CoordinatorProcess> others = cluster.get().nodes.stream().filter(p -> p != follower).toList();
        follower.signal("STOP");
        try {
            for (int i = 0; i < 40; i++) {
                write(others.get(i % 2), "lag-" + i, Integer.toString(i));
            }
            // On whichever of the two running nodes leads now (normally the leader from before).
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
                CoordinatorProcess now = current(others);
                var r = health(now, "replication");
                assertThat(r.status()).as("WARNING answers 200: " + r.body()).isEqualTo(200);
                assertThat(status(r)).isEqualTo("WARNING");
                JsonNode d = details(r, "replication");
                assertThat(d.path("followers").path(follower.id).path("lag_entries").asLong()).isGreaterThan(10);
                assertThat(d.path("reasons").get(0).stringValue()).startsWith(follower.id + " is ");
                // One peer of two unreachable: degraded, not critical.
                assertThat(status(health(now, "connectivity"))).isEqualTo("WARNING");
                var overall = health(now, "");
                assertThat(overall.status()).isEqualTo(200);
                assertThat(status(overall)).isEqualTo("WARNING");
            });
        } finally {
            follower.signal("CONT");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() -> {
            CoordinatorProcess now = current(cluster.get().nodes);
            var r = health(now, "replication");
            assertThat(status(r)).as(r.body().toString()).isEqualTo("UP");
            assertThat(details(r, "replication").path("followers").path(follower.id).path("lag_entries").asLong()).isLessThanOrEqualTo(10);
            assertThat(status(health(now, "connectivity"))).isEqualTo("UP");
        });
    }

    /** The node among {@code candidates} that says it is the leader. */
    static CoordinatorProcess current(List<CoordinatorProcess> candidates) throws Exception {
        for (CoordinatorProcess p : candidates) {
            if ("leader".equals(cluster.api().status(p).path("role").stringValue())) {
                return p;
            }
        }
        throw new AssertionError("no leader among " + candidates.stream().map(c -> c.id).toList());
    }

    @Test
    @Order(3)
    void aClusterWithAllItsCpuAllocatedIsCriticalInCapacity() throws Exception {
        CoordinatorProcess leader = cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(30));
        List<String> agents = new ArrayList<>();
        try {
            for (CoordinatorProcess target : cluster.get().nodes) {
                // A whole node's cpu each; a process that only sleeps.
                var created = cluster.api().postWithKey(leader, "/federation/agents", """
                        {"agent_type": "filler", "config": {"command": ["/bin/sleep", "600"], "restart": "never"},
                         "placement": {"replicas": 1}, "resources": {"cpu_millis": 4000, "memory_mb": 64}}""", "fill-" + target.id);
                assertThat(created.status()).as(created.body().toString()).isIn(200, 201);
                String id = created.body().path("agent_id").stringValue();
                agents.add(id);
                // Placed by hand (no scheduler runs here); retried while the node is not yet HEALTHY again.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() -> {
                    var plan = cluster.api().post(leader, "/federation/plans", """
                            {"plan_id": "fill-%s", "read_index": 0, "placements": [{"agent_id": "%s", "nodes": ["%s"]}]}"""
                            .formatted(target.id + System.nanoTime(), id, target.id));
                    assertThat(plan.body().path("result").stringValue()).as(plan.body().toString()).contains("placed 1 of 1");
                });
            }
            for (CoordinatorProcess p : cluster.get().nodes) {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    var r = health(p, "capacity");
                    assertThat(r.status()).as("CRITICAL answers 503: " + r.body()).isEqualTo(503);
                    assertThat(status(r)).isEqualTo("CRITICAL");
                    JsonNode d = details(r, "capacity");
                    assertThat(d.path("free_ratio").path("cpu").asDouble()).isZero();
                    assertThat(d.path("nodes_fitting_typical_agent").asLong()).isZero();
                    assertThat(d.path("typical_agent").path("cpu_millis").asLong()).isEqualTo(4000);
                    assertThat(health(p, "").status()).as("the overall status is critical too").isEqualTo(503);
                    assertThat(health(p, "readiness").status()).isEqualTo(200);
                });
            }
        } finally {
            for (String id : agents) {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                        assertThat(cluster.api().delete(leader, "/federation/agents/" + id).status()).isIn(200, 204, 404));
            }
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(status(health(leader, "capacity"))).isEqualTo("UP"));
    }

    @Test
    @Order(4)
    void prometheusCarriesTheSeedsClusterMetrics() throws Exception {
        CoordinatorProcess leader = cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(30));
        String text = cluster.get().operatorHttp(Duration.ofSeconds(2)).send(HttpRequest.newBuilder(
                URI.create(leader.restUrl() + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(text).contains("cell0_consensus_commit_latency_seconds{quantile=\"0.99\"}",
                "cell0_consensus_leader_election_seconds_count", "cell0_consensus_term ",
                "cell0_migration_duration_seconds_count 0", "cell0_node_status_changes_total{status=\"down\"}",
                "cell0_nodes{status=\"healthy\"} 3.0", "cell0_agents{state=\"running\"}");
        for (CoordinatorProcess p : cluster.get().nodes) {
            assertThat(text).contains("cell0_node_phi{node=\"" + p.id + "\"}");
            if (p != leader) {
                assertThat(text).contains("cell0_replication_lag_entries{follower=\"" + p.id + "\"}");
            }
        }
        // node-1 and node-3 are in zone-1, node-2 in zone-2: every node probes another zone.
        assertThat(text).contains("cell0_cross_zone_latency_seconds_count{from_zone=\"");
    }

    @Test
    @Order(5)
    void withoutAQuorumConsensusIsCriticalButTheSurvivorStaysReadyAndAlive() throws Exception {
        CoordinatorProcess survivor = cluster.node(1);
        cluster.node(2).kill();
        cluster.node(3).kill();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var r = health(survivor, "consensus");
            assertThat(r.status()).as(r.body().toString()).isEqualTo(503);
            assertThat(status(r)).isEqualTo("CRITICAL");
            assertThat(details(r, "consensus").path("reasons").toString()).containsAnyOf("no leader known", "voters answered");
            var connectivity = health(survivor, "connectivity");
            assertThat(status(connectivity)).as(connectivity.body().toString()).isEqualTo("CRITICAL");
            assertThat(health(survivor, "").status()).isEqualTo(503);
        });
        // A partition or a lost quorum must not get the survivor restarted or taken out of service.
        for (String probe : new String[] {"readiness", "liveness"}) {
            var r = health(survivor, probe);
            assertThat(r.status()).as(probe + ": " + r.body()).isEqualTo(200);
            assertThat(status(r)).isEqualTo("UP");
        }
        var status = cluster.api().get(survivor, "/federation/status");
        assertThat(status.status()).as("the survivor still answers its API").isEqualTo(200);

        cluster.node(2).start();
        cluster.node(3).start();
        cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() ->
                assertThat(status(health(survivor, "consensus"))).isIn("UP", "WARNING"));
        String text = cluster.get().operatorHttp(Duration.ofSeconds(2)).send(HttpRequest.newBuilder(
                URI.create(survivor.restUrl() + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(text).as("the election after the outage was timed")
                .containsPattern("cell0_consensus_leader_election_seconds_count [1-9]");
    }
}
