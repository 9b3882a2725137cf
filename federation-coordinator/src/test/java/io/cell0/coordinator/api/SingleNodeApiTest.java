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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's single-node development mode (no federation.yaml: a group of one voter) with the real
 * Raft server, driven over HTTP. Also every kind of bad request: each gets problem+json with the
 * right status, and none changes the replicated state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SingleNodeApiTest {
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
        Path data = Files.createTempDirectory("cell0-single-");
        registry.add("node.address", () -> "127.0.0.1:" + raftPort);
        registry.add("node.data_dir", data::toString);
        registry.add("consensus.request_timeout_ms", () -> "3000");
        // Plain HTTP: this test is about the API itself; MutualTlsApiTest covers TLS and the role matrix.
        registry.add("security.tls.enabled", () -> "false");
    }

    record Reply(int status, String contentType, JsonNode body) {
    }

    Reply send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
    }

    Reply put(String key, String body) throws Exception {
        return send("PUT", "/federation/config/" + key, body, "application/json");
    }

    @BeforeEach
    void awaitLeader() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode s = send("GET", "/federation/status", null, null).body();
            assertThat(s.path("leader").stringValue("")).isEqualTo(s.path("node_id").stringValue());
            assertThat(s.path("nodes")).hasSize(1);
        });
    }

    @Test
    void statusHasTheSeedFieldsPlusRaftDetail() throws Exception {
        JsonNode s = send("GET", "/federation/status", null, null).body();
        for (String field : new String[] {"cluster_id", "leader", "nodes", "health", "epoch", "term", "commit_index",
                "applied_index", "state_hash", "role", "membership", "config_version"}) {
            assertThat(s.has(field)).as(field).isTrue();
        }
        assertThat(s.path("cluster_id").stringValue()).isEqualTo("cell0-dev");
        assertThat(s.path("role").stringValue()).isEqualTo("leader");
        assertThat(s.path("health").stringValue()).isEqualTo("healthy");
        assertThat(s.path("epoch").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(s.path("state_hash").stringValue()).hasSize(64);
    }

    @Test
    void configWriteReadAndCompareAndSet() throws Exception {
        Reply created = put("cas-key", "{\"value\": {\"a\": [1, 2]}, \"expected_version\": 0}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        long v1 = created.body().path("version").asLong();

        Reply again = put("cas-key", "{\"value\": 2, \"expected_version\": 0}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body().path("current_version").asLong()).isEqualTo(v1);
        assertThat(again.body().path("reason").stringValue()).isEqualTo("VERSION_MISMATCH");

        Reply swapped = put("cas-key", "{\"value\": 3, \"expected_version\": " + v1 + "}");
        assertThat(swapped.status()).isEqualTo(200);
        assertThat(swapped.body().path("version").asLong()).isGreaterThan(v1);

        Reply read = send("GET", "/federation/config/cas-key", null, null);
        assertThat(read.body().path("value").asInt()).isEqualTo(3);
        Reply stale = send("GET", "/federation/config/cas-key?stale=true", null, null);
        assertThat(stale.body().path("value").asInt()).isEqualTo(3);
        Reply nested = put("scheduler/weights/zone", "{\"value\": 0.5}");
        assertThat(nested.status()).isEqualTo(200);
        assertThat(send("GET", "/federation/config/scheduler/weights/zone", null, null).body().path("value").asDouble()).isEqualTo(0.5);
        assertThat(send("GET", "/federation/config", null, null).body().path("entries").has("cas-key")).isTrue();
    }

    @Test
    void badRequestsGetProblemJsonAndChangeNothing() throws Exception {
        put("existing", "{\"value\": 1}");
        JsonNode before = send("GET", "/federation/status", null, null).body();

        expectProblem(put("k", "{not json"), 400);
        expectProblem(put("k", "{\"value\": 1, \"surprise\": true}"), 400);
        expectProblem(put("k", "{}"), 422);
        expectProblem(put("k", "{\"value\": 1, \"expected_version\": -5}"), 422);
        expectProblem(put("k", "{\"value\": 1, \"expected_version\": \"seven\"}"), 400);
        expectProblem(put("bad%20key", "{\"value\": 1}"), 422);
        expectProblem(put(".hidden", "{\"value\": 1}"), 422);
        expectProblem(put("k", "{\"value\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 413);
        expectProblem(put("k", "{\"value\": \"" + "x".repeat(70 * 1024) + "\"}"), 413);
        expectProblem(send("PUT", "/federation/config/k", "value=1", "text/plain"), 415);
        expectProblem(put("existing", "{\"value\": 2, \"expected_version\": 999999}"), 409);
        expectProblem(send("GET", "/federation/config/never-set", null, null), 404);
        expectProblem(send("GET", "/federation/no-such-endpoint", null, null), 404);
        expectProblem(send("DELETE", "/federation/status", null, null), 405);

        JsonNode after = send("GET", "/federation/status", null, null).body();
        assertThat(after.path("config_version").asLong()).isEqualTo(before.path("config_version").asLong());
        assertThat(after.path("state_hash").stringValue()).isEqualTo(before.path("state_hash").stringValue());
        assertThat(send("GET", "/federation/config/existing", null, null).body().path("value").asInt()).isEqualTo(1);
    }

    Reply batch(String body) throws Exception {
        return send("POST", "/federation/batch", body, "application/json");
    }

    @Test
    void batchAppliesEachCommandOnItsOwnAndReportsEveryResult() throws Exception {
        put("batch-cas", "{\"value\": \"old\"}");
        long v = send("GET", "/federation/config/batch-cas", null, null).body().path("version").asLong();
        Reply r = batch("""
                {"commands": [
                  {"type": "config_update", "key": "batch/a", "value": 1},
                  {"type": "config_update", "key": "batch-cas", "value": "lost", "expected_version": %d},
                  {"type": "config_update", "key": "batch/b", "value": {"x": true}, "expected_version": 0}
                ]}""".formatted(v + 100));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().path("applied").asInt()).isEqualTo(2);
        assertThat(r.body().path("rejected").asInt()).isEqualTo(1);
        JsonNode results = r.body().path("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("status").stringValue()).isEqualTo("applied");
        assertThat(results.get(1).path("status").stringValue()).isEqualTo("rejected");
        assertThat(results.get(1).path("reason").stringValue()).isEqualTo("VERSION_MISMATCH");
        assertThat(results.get(1).path("current_version").asLong()).isEqualTo(v);
        assertThat(results.get(2).path("status").stringValue()).isEqualTo("applied");
        assertThat(results.get(2).path("version").asLong()).isGreaterThan(results.get(0).path("version").asLong());
        assertThat(send("GET", "/federation/config/batch/b", null, null).body().path("value").path("x").asBoolean()).isTrue();
        assertThat(send("GET", "/federation/config/batch-cas", null, null).body().path("value").stringValue()).isEqualTo("old");
    }

    @Test
    void aBatchWithOneBadCommandWritesNothing() throws Exception {
        JsonNode before = send("GET", "/federation/status", null, null).body();
        String good = "{\"type\": \"config_update\", \"key\": \"never/written\", \"value\": 1}";
        expectProblem(batch("{\"commands\": [" + good + ", {\"type\": \"agent_teleport\", \"key\": \"k\", \"value\": 1}]}"), 422);
        expectProblem(batch("{\"commands\": [" + good + ", {\"type\": \"config_update\", \"key\": \"..bad\", \"value\": 1}]}"), 422);
        expectProblem(batch("{\"commands\": [" + good + ", {\"type\": \"config_update\", \"key\": \"k\"}]}"), 422);
        expectProblem(batch("{\"commands\": [" + good + ", {\"type\": \"config_update\", \"key\": \"k\", \"value\": 1, \"expected_version\": -1}]}"), 422);
        expectProblem(batch("{\"commands\": [" + good + ", {\"type\": \"config_update\", \"key\": \"k\", \"value\": 1, \"extra\": 1}]}"), 400);
        expectProblem(batch("{\"commands\": []}"), 422);
        expectProblem(batch("{}"), 422);
        expectProblem(batch("{\"commands\": [" + (good + ",").repeat(1000) + good + "]}"), 422);
        Reply unknownType = batch("{\"commands\": [" + good + ", {\"type\": \"agent_teleport\", \"value\": 1}]}");
        assertThat(unknownType.body().path("detail").stringValue()).startsWith("commands[1]: ");
        JsonNode after = send("GET", "/federation/status", null, null).body();
        assertThat(after.path("state_hash").stringValue()).isEqualTo(before.path("state_hash").stringValue());
        expectProblem(send("GET", "/federation/config/never/written", null, null), 404);
    }

    private static void expectProblem(Reply r, int status) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.contentType()).as("content type for " + status).startsWith("application/problem+json");
        assertThat(r.body().path("status").asInt()).isEqualTo(status);
        assertThat(r.body().path("detail").stringValue("")).isNotBlank();
    }
}
