package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * {@code POST /federation/leave} on four real voters: the leader leaves gracefully (leadership moves
 * first, the node is LEFT and out of the Raft configuration, its process ends, writes go on), then a
 * killed node is removed without its help, and the two that remain still commit. Bad requests are
 * problem+json and change nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaveIT {
    @RegisterExtension
    static final ClusterExtension cluster = new ClusterExtension(LocalCluster.Options.voters(4));

    static String status(CoordinatorProcess via, String nodeId) throws Exception {
        JsonNode w = cluster.api().get(via, "/federation/nodes/" + nodeId).body();
        return w.path("status").stringValue();
    }

    /** A leave is idempotent: like any client, retry it while a leader change answers 503. */
    static ClusterClient.Response leave(CoordinatorProcess via, String body) {
        ClusterClient.Response[] r = new ClusterClient.Response[1];
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> {
                    r[0] = cluster.api().post(via, "/federation/leave", body);
                    assertThat(r[0].status()).as(r[0].body().toString()).isNotEqualTo(503);
                });
        return r[0];
    }

    static void writeThrough(CoordinatorProcess via, String key) throws Exception {
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(cluster.api().putConfig(via, key, "1").status()).isEqualTo(200));
    }

    @Test
    @Order(1)
    void theLeaderLeavesGracefully() throws Exception {
        CoordinatorProcess leader = cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(60));
        CoordinatorProcess via = cluster.get().nodes.stream().filter(p -> p != leader).findFirst().orElseThrow();
        var r = leave(via, """
                {"node_id": "%s", "graceful": true}""".formatted(leader.id));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().path("left").asBoolean()).isTrue();
        List<String> votersAfter = new ArrayList<>();
        r.body().path("raft_voters").forEach(v -> votersAfter.add(v.stringValue()));
        assertThat(votersAfter).hasSize(3).doesNotContain(leader.id);

        // The node that left ends its own process; the others elect among themselves and go on.
        await().atMost(Duration.ofSeconds(30)).until(() -> !leader.isAlive());
        assertThat(java.nio.file.Files.readString(leader.logFile)).contains("left the cluster").doesNotContain("stopped unexpectedly");
        CoordinatorProcess next = cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(60));
        assertThat(next.id).isNotEqualTo(leader.id);
        assertThat(status(next, leader.id)).isEqualTo("left");
        writeThrough(next, "after-leader-left");
        cluster.get().awaitConverged(Duration.ofSeconds(30));
    }

    @Test
    @Order(2)
    void aDeadNodeIsRemovedWithoutItsHelp() throws Exception {
        CoordinatorProcess leader = cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(60));
        CoordinatorProcess dead = cluster.get().alive().stream().filter(p -> p != leader).findFirst().orElseThrow();
        dead.kill();
        var r = leave(leader, """
                {"node_id": "%s", "graceful": false}""".formatted(dead.id));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        List<String> votersAfter = new ArrayList<>();
        r.body().path("raft_voters").forEach(v -> votersAfter.add(v.stringValue()));
        assertThat(votersAfter).hasSize(2).doesNotContain(dead.id);
        // Two voters are now the whole cluster: both are needed, and both are there.
        writeThrough(cluster.get().alive().get(0), "after-dead-removed");
        assertThat(status(leader, dead.id)).isEqualTo("left");
        // Repeating the leave is harmless.
        var again = leave(leader, """
                {"node_id": "%s", "graceful": false}""".formatted(dead.id));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("index").asLong()).isZero();
    }

    @Test
    @Order(3)
    void badLeaveRequestsAreProblems() throws Exception {
        CoordinatorProcess any = cluster.get().alive().get(0);
        var unknown = cluster.api().post(any, "/federation/leave", """
                {"node_id": "node-9"}""");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        var invalid = cluster.api().post(any, "/federation/leave", """
                {"node_id": "bad id"}""");
        assertThat(invalid.status()).isEqualTo(400);
        var missing = cluster.api().post(any, "/federation/leave", "{}");
        assertThat(missing.status()).isBetween(400, 422);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(cluster.get().alive()).hasSize(2);
    }
}
