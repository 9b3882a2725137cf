package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cell0.coordinator.RaftProbe;
import io.cell0.coordinator.config.Topology;
import io.cell0.security.Role;
import io.cell0.security.TlsMaterial;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three real coordinator processes with TLS on (the harness default): they elected a leader over
 * mutual-TLS Raft, and both their ports refuse callers without a good certificate, while the REST API
 * applies the role matrix. Each refusal sits next to an acceptance on the same port.
 */
class MutualTlsIT {
    @RegisterExtension
    static final ClusterExtension cluster = new ClusterExtension(LocalCluster.Options.voters(3));

    TlsMaterial nodeCertificate(int i) {
        return cluster.get().pki.material(cluster.node(i).dir.resolve("tls"), Role.NODE);
    }

    static void assertProblem(ClusterClient.Response r, int status) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("status").asInt()).isEqualTo(status);
    }

    @Test
    void theRestPortRefusesAClientWithoutACertificate() throws Exception {
        CoordinatorProcess p = cluster.node(1);
        assertThat(p.restUrl()).startsWith("https://");
        SSLContext trustOnly = SSLContext.getInstance("TLS");
        trustOnly.init(null, cluster.get().pki.operator().trustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(trustOnly).connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(p.restUrl() + "/federation/status"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(cluster.api().status(p).path("cluster_id").isMissingNode()).isFalse();
    }

    @Test
    void theRestPortRefusesForeignAndExpiredCertificates() throws Exception {
        CoordinatorProcess p = cluster.node(2);
        ClusterClient foreign = new ClusterClient(cluster.get().pki.foreign(Role.OPERATOR));
        ClusterClient expired = new ClusterClient(cluster.get().pki.expired(Role.OPERATOR));
        assertThatThrownBy(() -> foreign.get(p, "/federation/status")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> expired.get(p, "/federation/status")).isInstanceOf(IOException.class);
    }

    @Test
    void aNodeCertificateCannotCallOperatorEndpoints() throws Exception {
        ClusterClient node = new ClusterClient(nodeCertificate(3));
        assertThat(node.get(cluster.node(1), "/federation/status").status()).isEqualTo(200);
        assertProblem(node.putConfig(cluster.node(1), "owned", "\"by-a-node\""), 403);
        assertProblem(node.delete(cluster.node(1), "/federation/agents/a-1"), 403);
    }

    @Test
    void theSchedulerMayPostPlansButNotChangeConfig() throws Exception {
        ClusterClient scheduler = cluster.get().clientAs(Role.SCHEDULER);
        var plan = scheduler.post(cluster.node(1), "/federation/plans", "{\"plan_id\":\"it-1\",\"read_index\":0,\"placements\":[]}");
        assertThat(plan.status()).as("%s", plan.body()).isIn(200, 503);
        assertProblem(scheduler.putConfig(cluster.node(1), "greeting", "\"hi\""), 403);
    }

    @Test
    void theRaftPortAcceptsOnlyNodeCertificatesOfThisCa() throws Exception {
        CoordinatorProcess target = cluster.node(1);
        String group = ClusterClient.text(cluster.api().status(target).path("cluster_id"));
        var groupId = Topology.groupIdOf(group);
        RaftProbe.groupInfo(nodeCertificate(2), target.id, target.raftAddress(), groupId);
        for (TlsMaterial bad : new TlsMaterial[] {cluster.get().pki.foreign(Role.NODE), cluster.get().pki.expired(Role.NODE),
                cluster.get().pki.material(Files.createDirectories(cluster.get().pki.service(Role.SCHEDULER, "sched-raft")), Role.SCHEDULER)}) {
            assertThatThrownBy(() -> RaftProbe.groupInfo(bad, target.id, target.raftAddress(), groupId))
                    .satisfies(e -> assertThat(RaftProbe.isTlsFailure(e)).as("%s", e).isTrue());
        }
        assertThatThrownBy(() -> RaftProbe.groupInfoWithoutCertificate(cluster.get().pki.operator().ca(), target.id,
                target.raftAddress(), groupId)).satisfies(e -> assertThat(RaftProbe.isTlsFailure(e)).as("%s", e).isTrue());
    }
}
