package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three voting coordinators as real processes: replication, failover, restart and total crash. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeClusterIT {
    @RegisterExtension
    static final ClusterExtension cluster = new ClusterExtension(LocalCluster.Options.voters(3));

    @Test
    @Order(1)
    void everyNodeRegistersItselfAndAgreesOnTheLeader() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            for (CoordinatorProcess p : cluster.get().nodes) {
                var s = cluster.api().status(p);
                assertThat(s.path("nodes")).hasSize(3);
                assertThat(ClusterClient.text(s.path("membership"))).isEqualTo("voter");
                assertThat(s.path("voters")).hasSize(3);
                assertThat(s.path("epoch").asLong()).isGreaterThanOrEqualTo(1);
            }
        });
    }

    @Test
    @Order(2)
    void aWriteThroughAnyNodeIsReadBackLinearizablyFromEveryNode() throws Exception {
        for (CoordinatorProcess writer : cluster.get().nodes) {
            String key = "written-through-" + writer.id;
            var put = cluster.api().putConfig(writer, key, "{\"by\":\"" + writer.id + "\"}");
            assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
            long version = put.body().path("version").asLong();
            // No waiting: a linearizable read on any node must already see the acknowledged write.
            for (CoordinatorProcess reader : cluster.get().nodes) {
                var got = cluster.api().get(reader, "/federation/config/" + key);
                assertThat(got.status()).as(reader.id + " reading " + key).isEqualTo(200);
                assertThat(got.body().path("value").path("by").stringValue()).isEqualTo(writer.id);
                assertThat(got.body().path("version").asLong()).isEqualTo(version);
            }
        }
    }

    @Test
    @Order(3)
    void afterKillingTheLeaderANewOneIsElectedAndTheKilledNodeCatchesUp() throws Exception {
        CoordinatorProcess leader = cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(30));
        long epochBefore = cluster.api().status(cluster.get().alive().get(0)).path("epoch").asLong();
        leader.kill();

        CoordinatorProcess newLeader = cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(30));
        assertThat(newLeader.id).isNotEqualTo(leader.id);
        CoordinatorProcess survivor = cluster.get().alive().get(0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.api().putConfig(survivor, "after-failover", "1").status()).isEqualTo(200));
        for (int i = 0; i < 50; i++) {
            assertThat(cluster.api().putConfig(cluster.get().alive().get(i % 2), "after-failover-" + i, Integer.toString(i)).status()).isEqualTo(200);
        }
        assertThat(cluster.api().status(survivor).path("epoch").asLong()).isGreaterThan(epochBefore);

        leader.start();
        cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(60));
        cluster.get().awaitConverged(Duration.ofSeconds(30));
        var got = cluster.api().get(leader, "/federation/config/after-failover-49?stale=true");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body().path("value").asInt()).isEqualTo(49);
    }

    @Test
    @Order(4)
    void killingAllThreeUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                for (int seq = 0; running.get(); seq++) {
                    String key = "crash-" + writer + "-" + seq;
                    try {
                        var r = cluster.api().putConfig(cluster.get().nodes.get(writer % 3), key, Integer.toString(seq));
                        if (r.status() == 200) {
                            acknowledged.add(key);
                        }
                    } catch (Exception e) {
                        // connection refused or reset: not acknowledged
                    }
                }
            });
            t.start();
            writers.add(t);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 300);
        for (CoordinatorProcess p : cluster.get().nodes) {
            p.kill();
        }
        running.set(false);
        for (Thread t : writers) {
            t.join(20_000);
        }
        int acked = acknowledged.size();

        for (CoordinatorProcess p : cluster.get().nodes) {
            p.start();
        }
        cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(60));
        cluster.get().awaitConverged(Duration.ofSeconds(30));
        var all = cluster.api().get(cluster.node(1), "/federation/config");
        assertThat(all.status()).isEqualTo(200);
        var entries = all.body().path("entries");
        List<String> lost = acknowledged.stream().filter(k -> !entries.has(k)).sorted().toList();
        assertThat(lost).as("acknowledged writes missing after restart (of %d)", acked).isEmpty();
    }
}
