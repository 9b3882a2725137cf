package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
    static LocalCluster cluster;
    static ClusterClient api;

    @RegisterExtension
    static final DumpLogsOnFailure logs = new DumpLogsOnFailure(() -> cluster);

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(LocalCluster.Options.voters(3).withSnapshots(100, 64));
        api = cluster.client;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static List<Path> files(CoordinatorProcess p, String glob) throws IOException {
        try (Stream<Path> walk = Files.walk(p.dataDir())) {
            var matcher = p.dataDir().getFileSystem().getPathMatcher("glob:" + glob);
            return walk.filter(f -> matcher.matches(f.getFileName())).toList();
        }
    }

    static void write(CoordinatorProcess via, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            var r = api.putConfig(via, prefix + i, "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(100) + "\"}");
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        }
    }

    @Test
    @Order(1)
    void aLaggingFollowerIsBroughtUpToDateBySnapshotInstall() throws Exception {
        CoordinatorProcess leader = cluster.awaitLeaderEverywhere(Duration.ofSeconds(30));
        CoordinatorProcess lagging = cluster.nodes.stream().filter(p -> p != leader).findFirst().orElseThrow();
        lagging.kill();
        CoordinatorProcess via = cluster.alive().get(0);
        write(via, "while-away-", 1500);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(files(leader, "snapshot.*_*")).isNotEmpty();
            // The first closed segment (log_0-...) is purged once a snapshot covers it.
            assertThat(files(leader, "log_0-*")).isEmpty();
        });

        lagging.start();
        cluster.awaitConverged(Duration.ofSeconds(60));
        var got = api.get(lagging, "/federation/config/while-away-1499?stale=true");
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
        write(cluster.alive().get(0), "after-restart-", 10);
        node.start();
        cluster.awaitLeaderEverywhere(Duration.ofSeconds(60));
        cluster.awaitConverged(Duration.ofSeconds(60));
        assertThat(Files.readString(node.logFile)).contains("restored state from snapshot");
        assertThat(api.get(node, "/federation/config/while-away-7?stale=true").body().path("value").path("n").asInt()).isEqualTo(7);
        assertThat(api.get(node, "/federation/config/after-restart-9?stale=true").status()).isEqualTo(200);
    }
}
