package io.cell0.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent, plan and watch APIs on a single real node (zone "zone-a", 4 cores, 8 GiB): create,
 * idempotent retry, placement through a plan, deletion freeing resources, long-poll watches, and
 * bad input that is refused with problem+json without changing the replicated state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentApiTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) throws IOException {
        int raftPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            raftPort = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("cell0-agents-");
        registry.add("node.address", () -> "127.0.0.1:" + raftPort);
        registry.add("node.data_dir", data::toString);
        registry.add("node.zone", () -> "zone-a");
        registry.add("consensus.request_timeout_ms", () -> "3000");
        // Plain HTTP: this test is about the API itself; MutualTlsApiTest covers TLS and the role matrix.
        registry.add("security.tls.enabled", () -> "false");
    }

    record Reply(int status, String contentType, JsonNode body) {
    }

    Reply send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
    }

    String nodeId;

    @BeforeEach
    void awaitLeader() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode s = send("GET", "/federation/status", null).body();
            assertThat(s.path("leader").stringValue("")).isEqualTo(s.path("node_id").stringValue());
            String self = s.path("node_id").stringValue();
            assertThat(s.path("nodes")).anySatisfy(n -> assertThat(n.path("node_id").stringValue()).isEqualTo(self));
            nodeId = self;
        });
    }

    private String stateHash() throws Exception {
        return send("GET", "/federation/status", null).body().path("state_hash").stringValue();
    }

    @Test
    void createPlaceAndDeleteAnAgent() throws Exception {
        Reply created = send("POST", "/federation/agents", """
                {"agent_type": "inference", "config": {"command": ["sleep", "60"]},
                 "placement": {"preferred_zone": "zone-a", "replicas": 1},
                 "resources": {"cpu_millis": 1500, "memory_mb": 1024}, "priority": 5, "required_data": ["weights-v1"]}""");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        JsonNode agent = created.body();
        String id = agent.path("agent_id").stringValue();
        assertThat(id).startsWith("agent-");
        assertThat(agent.path("state").stringValue()).isEqualTo("pending");
        assertThat(agent.path("pending_reason").stringValue()).isEqualTo("awaiting placement");
        assertThat(agent.path("replicas")).isEmpty();
        assertThat(agent.path("resources").path("cpu_millis").asLong()).isEqualTo(1500);
        assertThat(agent.path("config").path("command").get(0).stringValue()).isEqualTo("sleep");
        assertThat(agent.path("on_disconnect").stringValue()).isEqualTo("stop");
        assertThat(agent.path("stopping")).isEmpty();

        JsonNode listed = send("GET", "/federation/agents", null).body().path("agents");
        assertThat(listed).anySatisfy(a -> assertThat(a.path("agent_id").stringValue()).isEqualTo(id));

        Reply plan = send("POST", "/federation/plans", """
                {"plan_id": "test-1", "read_index": 1, "placements": [{"agent_id": "%s", "nodes": ["%s"]}]}""".formatted(id, nodeId));
        assertThat(plan.status()).as(plan.body().toString()).isEqualTo(200);
        assertThat(plan.body().path("result").stringValue()).contains("placed 1 of 1");

        JsonNode placed = send("GET", "/federation/agents/" + id, null).body();
        assertThat(placed.path("state").stringValue()).isEqualTo("running");
        assertThat(placed.path("node").stringValue()).isEqualTo(nodeId);
        assertThat(allocatedCpu()).isGreaterThanOrEqualTo(1500);
        long before = allocatedCpu();

        Reply deleted = send("DELETE", "/federation/agents/" + id, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("deleted").asBoolean()).isTrue();
        assertThat(allocatedCpu()).isEqualTo(before - 1500);
        expectProblem(send("GET", "/federation/agents/" + id, null), 404);
        expectProblem(send("DELETE", "/federation/agents/" + id, null), 404);
    }

    private long allocatedCpu() throws Exception {
        JsonNode w = send("GET", "/federation/watch?since=0&timeout_ms=0", null).body();
        for (JsonNode n : w.path("nodes")) {
            if (n.path("node_id").stringValue().equals(nodeId)) {
                return n.path("allocated").path("cpu_millis").asLong();
            }
        }
        throw new AssertionError("no node " + nodeId + " in " + w);
    }

    @Test
    void anAgentMayChooseToKeepRunningThroughADisconnection() throws Exception {
        Reply created = send("POST", "/federation/agents", """
                {"agent_type": "demo", "on_disconnect": "keep_running"}""");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().path("agent_id").stringValue();
        assertThat(send("GET", "/federation/agents/" + id, null).body().path("on_disconnect").stringValue()).isEqualTo("keep_running");
    }

    @Test
    void aNodeCanBeDrainedAndUndrained() throws Exception {
        Reply drained = send("POST", "/federation/nodes/" + nodeId + "/drain", "");
        assertThat(drained.status()).as(drained.body().toString()).isEqualTo(202);
        assertThat(drained.body().path("draining").asBoolean()).isTrue();
        assertThat(send("GET", "/federation/nodes/" + nodeId, null).body().path("draining").asBoolean()).isTrue();
        assertThat(send("GET", "/federation/nodes/" + nodeId + "/drain", null).body().path("phase").stringValue())
                .isIn("draining", "drained");
        Reply undrained = send("DELETE", "/federation/nodes/" + nodeId + "/drain", null);
        assertThat(undrained.status()).isEqualTo(200);
        assertThat(undrained.body().path("phase").stringValue()).isEqualTo("not_draining");
        assertThat(send("GET", "/federation/nodes", null).body().path("nodes").get(0).path("draining").asBoolean()).isFalse();
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyCreatesOneAgent() throws Exception {
        String body = """
                {"agent_type": "demo", "resources": {"cpu_millis": 100}}""";
        Reply first = send("POST", "/federation/agents", body, "Idempotency-Key", "retry-me-1");
        Reply second = send("POST", "/federation/agents", body, "Idempotency-Key", "retry-me-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("agent_id").stringValue()).isEqualTo(first.body().path("agent_id").stringValue());
        Reply other = send("POST", "/federation/agents", body, "Idempotency-Key", "retry-me-2");
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.body().path("agent_id").stringValue()).isNotEqualTo(first.body().path("agent_id").stringValue());
        expectProblem(send("POST", "/federation/agents", body, "Idempotency-Key", "has space"), 400);
    }

    @Test
    void badAgentRequestsAreRefusedAndChangeNothing() throws Exception {
        String hash = stateHash();
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "x", "colour": "blue"}"""), 400);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "x", "resources": {"cpu_millis": -1}}"""), 422);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "x", "resources": {"memory_mb": 999999999999}}"""), 422);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "x", "placement": {"replicas": 5}}"""), 422);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "x", "placement": {"replicas": 0}}"""), 422);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "x", "placement": {"preferred_zone": "mars-1"}}"""), 422);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "x", "placement": {"zones": ["zone-a", "mars-1"]}}"""), 422);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "x", "config": {"command": 42}}"""), 422);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "x", "config": {"restart": "sometimes"}}"""), 422);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "no spaces please"}"""), 422);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_type": "x", "on_disconnect": "sometimes"}"""), 422);
        expectProblem(send("POST", "/federation/nodes/bad%20id/drain", ""), 400);
        expectProblem(send("POST", "/federation/nodes/no-such-node/drain", ""), 404);
        expectProblem(send("DELETE", "/federation/nodes/no-such-node/drain", null), 404);
        expectProblem(send("GET", "/federation/nodes/no-such-node", null), 404);
        expectProblem(send("POST", "/federation/leave", "{\"node_id\": \"" + nodeId + "\"}"), 409);
        expectProblem(send("POST", "/federation/leave", "{\"node_id\": \"no-such-node\"}"), 404);
        expectProblem(send("POST", "/federation/agents", """
                {"agent_id": "bad/id", "agent_type": "x"}"""), 400);
        expectProblem(send("POST", "/federation/agents", """
                {"config": {}}"""), 422);
        expectProblem(send("GET", "/federation/agents/bad%20id", null), 400);
        expectProblem(send("DELETE", "/federation/agents/.hidden", null), 400);
        expectProblem(send("GET", "/federation/agents?state=sleeping", null), 400);
        expectProblem(send("POST", "/federation/plans", """
                {"plan_id": "p", "read_index": -1}"""), 422);
        expectProblem(send("POST", "/federation/plans", """
                {"plan_id": "p", "read_index": 1, "placements": [{"agent_id": "a", "nodes": []}]}"""), 422);
        expectProblem(send("GET", "/federation/watch?timeout_ms=999999", null), 400);
        assertThat(stateHash()).isEqualTo(hash);
    }

    @Test
    void aWatchWakesUpOnAChangeAndTimesOutWithoutOne() throws Exception {
        JsonNode full = send("GET", "/federation/watch?since=0", null).body();
        assertThat(full.path("reset").asBoolean()).isTrue();
        assertThat(full.path("nodes")).anySatisfy(n -> assertThat(n.path("node_id").stringValue()).isEqualTo(nodeId));
        long at = full.path("applied_index").asLong();

        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return send("GET", "/federation/watch?since=" + at + "&timeout_ms=20000", null);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        String id = send("POST", "/federation/agents", """
                {"agent_type": "watched"}""").body().path("agent_id").stringValue();
        Reply change = waiting.get(20, TimeUnit.SECONDS);
        assertThat(change.body().path("reset").asBoolean()).isFalse();
        assertThat(change.body().path("agents")).anySatisfy(a -> assertThat(a.path("agent_id").stringValue()).isEqualTo(id));
        long next = change.body().path("applied_index").asLong();
        assertThat(next).isGreaterThan(at);

        send("DELETE", "/federation/agents/" + id, null);
        JsonNode removed = send("GET", "/federation/watch?since=" + next + "&timeout_ms=10000", null).body();
        assertThat(removed.path("removed_agents")).anySatisfy(a -> assertThat(a.stringValue()).isEqualTo(id));

        long last = removed.path("applied_index").asLong();
        JsonNode quiet = send("GET", "/federation/watch?since=" + last + "&timeout_ms=300", null).body();
        assertThat(quiet.path("agents")).isEmpty();
        assertThat(quiet.path("removed_agents")).isEmpty();
        assertThat(quiet.path("reset").asBoolean()).isFalse();
    }

    @Test
    void aBatchRegistersCapacityNodesAndSpawnsAgentsWithTheSameChecksAsTheApi() throws Exception {
        Reply ok = send("POST", "/federation/batch", """
                {"commands": [
                  {"type": "node_join", "node_id": "edge-7", "zone": "zone-a", "capacity": {"cpu_millis": 2000, "memory_mb": 1024},
                   "capabilities": ["data:maps"]},
                  {"type": "agent_spawn", "agent": {"agent_type": "batched", "required_data": ["maps"]}}]}""");
        assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);
        assertThat(ok.body().path("applied").asInt()).isEqualTo(2);
        JsonNode w = send("GET", "/federation/watch?since=0&timeout_ms=0", null).body();
        assertThat(w.path("nodes")).anySatisfy(n -> {
            assertThat(n.path("node_id").stringValue()).isEqualTo("edge-7");
            assertThat(n.path("role").stringValue()).isEqualTo("edge");
            assertThat(n.path("capabilities").get(0).stringValue()).isEqualTo("data:maps");
        });
        assertThat(w.path("agents")).anySatisfy(a -> assertThat(a.path("agent_type").stringValue()).isEqualTo("batched"));

        String hash = stateHash();
        expectProblem(send("POST", "/federation/batch", """
                {"commands": [{"type": "node_join", "node_id": "bad id", "capacity": {}}]}"""), 422);
        expectProblem(send("POST", "/federation/batch", """
                {"commands": [{"type": "agent_spawn", "agent": {"agent_type": "x", "placement": {"zones": ["mars"]}}}]}"""), 422);
        expectProblem(send("POST", "/federation/batch", """
                {"commands": [{"type": "node_join", "node_id": "n", "capacity": {"cpu_millis": -5}}]}"""), 422);
        assertThat(stateHash()).isEqualTo(hash);
    }

    private static void expectProblem(Reply r, int status) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.contentType()).as("content type for " + status).startsWith("application/problem+json");
        assertThat(r.body().path("detail").stringValue("")).isNotBlank();
    }
}
