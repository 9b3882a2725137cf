package io.cell0.coordinator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cell0.coordinator.RaftProbe;
import io.cell0.coordinator.TestPki;
import io.cell0.coordinator.config.Topology;
import io.cell0.security.Role;
import io.cell0.security.TlsMaterial;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A single node with TLS on, as it runs in production: HTTPS with a required client certificate, Raft
 * over mutual TLS, and the role matrix. Every refusal here is tested next to a success with the same
 * endpoint or port, so a test cannot pass because the thing is simply down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MutualTlsApiTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestPki pki;
    static Path nodeDir;
    static int raftPort;

    @LocalServerPort
    int port;

    @Autowired
    Topology topology;

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) throws IOException {
        TlsNode node = TlsNode.register(registry);
        pki = node.pki();
        nodeDir = node.nodeDir();
        raftPort = node.raftPort();
    }

    record Reply(int status, String contentType, JsonNode body) {
    }

    Reply send(TlsMaterial who, String method, String path, String body) throws Exception {
        HttpClient http = who.httpClient(Duration.ofSeconds(5)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
    }

    TlsMaterial nodeCert() {
        return pki.material(nodeDir, Role.NODE);
    }

    TlsMaterial scheduler() {
        Path d = pki.dir.resolve("scheduler");
        if (!Files.exists(d)) {
            pki.service(Role.SCHEDULER, "scheduler");
        }
        return pki.material(d, Role.SCHEDULER);
    }

    @BeforeEach
    void awaitLeader() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode s = send(pki.operator(), "GET", "/federation/status", null).body();
            assertThat(s.path("leader").stringValue("")).isEqualTo(s.path("node_id").stringValue());
        });
    }

    static void assertProblem(Reply r, int status) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("status").asInt()).isEqualTo(status);
        assertThat(r.body().path("detail").stringValue("")).isNotBlank();
    }

    @Test
    void theOperatorMayReadAndWrite() throws Exception {
        assertThat(send(pki.operator(), "PUT", "/federation/config/greeting", "{\"value\":\"hello\"}").status()).isEqualTo(200);
        assertThat(send(pki.operator(), "GET", "/federation/config/greeting", null).body().path("value").stringValue()).isEqualTo("hello");
    }

    @Test
    void plainHttpIsNotServed() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // Tomcat answers a plaintext request on a TLS port with a bare 400 ("requires TLS"), or drops it.
        try {
            HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/federation/status"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("cluster_id");
        } catch (IOException refused) {
            assertThat(refused).isNotNull();
        }
    }

    @Test
    void noClientCertificateIsRefusedAtTheHandshake() throws Exception {
        SSLContext trustOnly = SSLContext.getInstance("TLS");
        trustOnly.init(null, pki.operator().trustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(trustOnly).connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/federation/status"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedAtTheHandshake() throws Exception {
        TlsMaterial foreign = pki.foreign(Role.OPERATOR);
        assertThatThrownBy(() -> send(foreign, "GET", "/federation/status", null)).isInstanceOf(IOException.class);
    }

    @Test
    void anExpiredCertificateIsRefusedAtTheHandshake() throws Exception {
        TlsMaterial expired = pki.expired(Role.OPERATOR);
        assertThatThrownBy(() -> send(expired, "GET", "/federation/status", null)).isInstanceOf(IOException.class);
    }

    @Test
    void aCertificateWithoutACell0PrincipalIsUnauthenticated() throws Exception {
        assertProblem(send(pki.withoutPrincipal(), "GET", "/federation/status", null), 401);
    }

    @Test
    void aNodeMayReadStatusButNotCallOperatorEndpoints() throws Exception {
        assertThat(send(nodeCert(), "GET", "/federation/status", null).status()).isEqualTo(200);
        assertProblem(send(nodeCert(), "PUT", "/federation/config/greeting", "{\"value\":\"x\"}"), 403);
        assertProblem(send(nodeCert(), "GET", "/federation/config", null), 403);
        assertProblem(send(nodeCert(), "POST", "/federation/plans", "{\"plan_id\":\"p\",\"read_index\":0,\"placements\":[]}"), 403);
    }

    @Test
    void aNodeMayWatchOnlyItsOwnSlice() throws Exception {
        String self = nodeCert().principal().orElseThrow().identity();
        assertThat(send(nodeCert(), "GET", "/federation/watch?since=0&timeout_ms=0&node=" + self, null).status()).isEqualTo(200);
        assertProblem(send(nodeCert(), "GET", "/federation/watch?since=0&timeout_ms=0&node=someone-else", null), 403);
        assertProblem(send(nodeCert(), "GET", "/federation/watch?since=0&timeout_ms=0", null), 403);
        assertProblem(send(nodeCert(), "GET", "/federation/watch?since=0&timeout_ms=0&node=" + self + "&node=someone-else", null), 403);
    }

    @Test
    void theSchedulerMayPostPlansButNotChangeConfig() throws Exception {
        Reply plan = send(scheduler(), "POST", "/federation/plans", "{\"plan_id\":\"p-1\",\"read_index\":0,\"placements\":[]}");
        assertThat(plan.status()).as("%s", plan.body()).isEqualTo(200);
        assertThat(send(scheduler(), "GET", "/federation/watch?since=0&timeout_ms=0", null).status()).isEqualTo(200);
        assertThat(send(scheduler(), "GET", "/federation/agents", null).status()).isEqualTo(200);
        assertProblem(send(scheduler(), "PUT", "/federation/config/greeting", "{\"value\":\"x\"}"), 403);
        assertProblem(send(scheduler(), "DELETE", "/federation/agents/a-1", null), 403);
    }

    @Test
    void healthIsOpenToAnyCertificateHolder() throws Exception {
        assertThat(send(nodeCert(), "GET", "/actuator/health", null).status()).isEqualTo(200);
        assertProblem(send(nodeCert(), "GET", "/actuator/metrics", null), 403);
    }

    void raftGroupInfo(TlsMaterial who) throws IOException {
        RaftProbe.groupInfo(who, topology.selfId(), "127.0.0.1:" + raftPort, topology.groupId());
    }

    @Test
    void theRaftPortTalksOnlyToNodeCertificatesOfThisCa() throws Exception {
        raftGroupInfo(pki.material(pki.node("node-2", "127.0.0.1"), Role.NODE));
        assertRefusedByTls("right CA, wrong role", scheduler());
        assertRefusedByTls("another CA", pki.foreign(Role.NODE));
        assertRefusedByTls("expired", pki.expired(Role.NODE));
        assertThatThrownBy(() -> RaftProbe.groupInfoWithoutCertificate(pki.operator().ca(), topology.selfId(), "127.0.0.1:" + raftPort,
                topology.groupId())).as("no certificate").satisfies(e -> assertThat(RaftProbe.isTlsFailure(e)).as("%s", e).isTrue());
    }

    void assertRefusedByTls(String what, TlsMaterial who) {
        assertThatThrownBy(() -> raftGroupInfo(who)).as(what).satisfies(e -> assertThat(RaftProbe.isTlsFailure(e)).as(what).isTrue());
    }
}
