package io.cell0.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler's HTTP endpoints over a real port, with its mirror fed by hand (the coordinator
 * URL points at a closed loopback port, so the loop only fails over and retries).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cell0.coordinator.urls=http://127.0.0.1:1", "security.tls.enabled=false", "cell0.coordinator.retry-ms=5000"})
class SchedulerControllerTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ClusterMirror mirror;

    record Reply(int status, String contentType, JsonNode body) {
    }

    Reply get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), JSON.readTree(r.body()));
    }

    @Test
    void explainCoversEveryNodeAndRefusesBadOrUnknownIds() throws Exception {
        mirror.apply(JSON.readTree("""
                {"applied_index": 7, "reset": true, "removed_nodes": [], "removed_agents": [], "config_changed": true,
                 "nodes": [%s, %s],
                 "agents": [{"agent_id": "web", "node": null, "state": "pending", "replicas": [],
                             "placement": {"preferred_zone": "", "replicas": 1, "zones": []},
                             "resources": {"cpu_millis": 3000, "memory_mb": 0, "gpus": 0, "storage_mb": 0},
                             "priority": 0, "required_data": [], "pending_reason": "", "created_at": 1}]}"""
                .formatted(PlacementLoopTest.node("big", "a", 4000, 0), PlacementLoopTest.node("small", "b", 1000, 0))));

        Reply explain = get("/scheduler/placements/web/explain");
        assertThat(explain.status()).as(explain.body().toString()).isEqualTo(200);
        assertThat(explain.body().path("nodes")).hasSize(2);
        assertThat(explain.body().path("nodes")).anySatisfy(n -> {
            assertThat(n.path("node_id").stringValue()).isEqualTo("small");
            assertThat(n.path("eligible").asBoolean()).isFalse();
            assertThat(n.path("reason").stringValue()).contains("cpu");
        });

        Reply bad = get("/scheduler/placements/bad%20id/explain");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        Reply unknown = get("/scheduler/placements/nobody/explain");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().path("detail").stringValue()).contains("nobody");

        Reply status = get("/scheduler/status");
        assertThat(status.body().path("pending").asInt()).isEqualTo(1);
        assertThat(status.body().path("nodes").asInt()).isEqualTo(2);
    }
}
