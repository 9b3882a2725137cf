package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snapshots, log purge and snapshot install with a tiny snapshot threshold and log segments, so that
 * a follower that was away really cannot be caught up from the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotIT {
    @RegisterExtension
    static final ClusterExtension cluster = new ClusterExtension(LocalCluster.Options.voters(3).withSnapshots(100, 64)
            .withConsensus(java.util.Map.of("log_preservation_entries", "0")));

    static List<Path> files(CoordinatorProcess p, String glob) throws IOException {
        try (Stream<Path> walk = Files.walk(p.dataDir())) {
            var matcher = p.dataDir().getFileSystem().getPathMatcher("glob:" + glob);
            return walk.filter(f -> matcher.matches(f.getFileName())).toList();
        }
    }

    /** Writes keys one by one; a 503 (a slow election on a busy machine) is retried, as a client would. */
    static void write(CoordinatorProcess via, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String key = prefix + i;
            String value = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(100) + "\"}";
            // First attempt at once: Awaitility's default first poll delay is the poll interval (100 ms),
            // which made 1,500 writes take over three minutes.
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var r = cluster.api().putConfig(via, key, value);
                assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
            });
        }
    }

    @Test
    @Order(1)
    void aLaggingFollowerIsBroughtUpToDateBySnapshotInstall() throws Exception {
        CoordinatorProcess leader = cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(30));
        CoordinatorProcess lagging = cluster.get().nodes.stream().filter(p -> p != leader).findFirst().orElseThrow();
        lagging.kill();
        CoordinatorProcess via = cluster.get().alive().get(0);
        write(via, "while-away-", 1500);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(files(leader, "snapshot.*_*")).isNotEmpty();
            // The first closed segment (log_0-...) is purged once a snapshot covers it.
            assertThat(files(leader, "log_0-*")).isEmpty();
        });

        lagging.start();
        cluster.get().awaitConverged(Duration.ofSeconds(60));
        var got = cluster.api().get(lagging, "/federation/config/while-away-1499?stale=true");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body().path("value").path("n").asInt()).isEqualTo(1499);
        assertThat(Files.readString(lagging.logFile)).contains("state reloaded from a snapshot installed by the leader");
    }

    @Test
    @Order(2)
    void aNodeRestartingAfterSnapshotAndPurgeRestoresFromItsSnapshot() throws Exception {
        CoordinatorProcess node = cluster.node(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(files(node, "snapshot.*_*")).isNotEmpty());
        node.kill();
        write(cluster.get().alive().get(0), "after-restart-", 10);
        node.start();
        cluster.get().awaitLeaderEverywhere(Duration.ofSeconds(60));
        cluster.get().awaitConverged(Duration.ofSeconds(60));
        assertThat(Files.readString(node.logFile)).contains("restored state from snapshot");
        assertThat(cluster.api().get(node, "/federation/config/while-away-7?stale=true").body().path("value").path("n").asInt()).isEqualTo(7);
        assertThat(cluster.api().get(node, "/federation/config/after-restart-9?stale=true").status()).isEqualTo(200);
    }
}
