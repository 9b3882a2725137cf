package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three voters and one observer (a Raft listener): it applies the log but never counts toward a quorum. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObserverIT {
    @RegisterExtension
    static final ClusterExtension cluster = new ClusterExtension(LocalCluster.Options.voters(3).withObservers(1));

    static CoordinatorProcess observer() {
        return cluster.node(4);
    }

    @Test
    @Order(1)
    void theObserverIsAListenerOutsideTheVoterSet() throws Exception {
        var s = cluster.api().status(observer());
        assertThat(ClusterClient.text(s.path("membership"))).isEqualTo("observer");
        assertThat(ClusterClient.text(s.path("role"))).isEqualTo("listener");
        assertThat(s.path("voters").toString()).doesNotContain(observer().id);
        assertThat(s.path("observers").toString()).contains(observer().id);
    }

    @Test
    @Order(2)
    void aWriteThroughTheObserverIsAppliedEverywhereAndServedAsAStaleRead() throws Exception {
        var put = cluster.api().putConfig(observer(), "via-observer", "\"hello\"");
        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
        var linearizable = cluster.api().get(observer(), "/federation/config/via-observer");
        assertThat(linearizable.body().path("value").stringValue()).isEqualTo("hello");
        var w = cluster.api().putConfig(cluster.node(1), "via-voter", "42");
        assertThat(w.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(cluster.api().get(observer(), "/federation/config/via-voter?stale=true").body().path("value").asInt()).isEqualTo(42));
        cluster.get().awaitConverged(Duration.ofSeconds(20));
    }

    @Test
    @Order(3)
    void writesContinueWithTheObserverDown() throws Exception {
        observer().kill();
        for (int i = 0; i < 20; i++) {
            assertThat(cluster.api().putConfig(cluster.node(1 + i % 3), "observer-down-" + i, Integer.toString(i)).status()).isEqualTo(200);
        }
        observer().start();
        cluster.get().awaitConverged(Duration.ofSeconds(60));
        assertThat(cluster.api().get(observer(), "/federation/config/observer-down-19?stale=true").body().path("value").asInt()).isEqualTo(19);
    }

    @Test
    @Order(4)
    void withTwoOfThreeVotersDownWritesStopEvenThoughTheObserverIsUp() throws Exception {
        cluster.node(2).kill();
        cluster.node(3).kill();
        var r = cluster.api().putConfig(observer(), "no-quorum", "1");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.retryAfter()).isNotNull();
        var viaVoter = cluster.api().putConfig(cluster.node(1), "no-quorum-2", "1");
        assertThat(viaVoter.status()).isEqualTo(503);
        // The observer still answers from its own replica.
        var stale = cluster.api().get(observer(), "/federation/config/observer-down-19?stale=true");
        assertThat(stale.status()).isEqualTo(200);
    }
}
