package io.cell0.coordinator.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.cell0.security.TlsMaterial;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public REST API as a test sees it: HTTPS with one client certificate (the operator's unless a
 * test picks another role), and JSON.
 */
final class ClusterClient {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http;

    /** Calls as the holder of {@code certificate}, verifying the servers against its CA. */
    ClusterClient(TlsMaterial certificate) {
        this.http = certificate.httpClient(Duration.ofSeconds(2)).build();
    }

    record Response(int status, JsonNode body, String contentType, String retryAfter) {
    }

    /** A JSON string field, or null when absent or JSON null. */
    static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.isString() ? n.stringValue() : n.toString();
    }

    JsonNode status(CoordinatorProcess p) throws IOException, InterruptedException {
        Response r = get(p, "/federation/status");
        if (r.status() != 200) {
            throw new IOException(p.id + " status " + r.status());
        }
        return r.body();
    }

    Response get(CoordinatorProcess p, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(p.restUrl() + path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    Response put(CoordinatorProcess p, String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(p.restUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response post(CoordinatorProcess p, String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(p.restUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response postWithKey(CoordinatorProcess p, String path, String json, String idempotencyKey) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(p.restUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response delete(CoordinatorProcess p, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(p.restUrl() + path)).timeout(Duration.ofSeconds(10)).DELETE().build());
    }

    /** GET of any URL (another service's). */
    Response getUrl(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** PUT /federation/config/{key} with {"value": value}; returns the response. */
    Response putConfig(CoordinatorProcess p, String key, String valueJson) throws IOException, InterruptedException {
        return put(p, "/federation/config/" + key, "{\"value\":" + valueJson + "}");
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = resp.body().isEmpty() ? JSON.nullNode() : JSON.readTree(resp.body());
        return new Response(resp.statusCode(), body, resp.headers().firstValue("Content-Type").orElse(""),
                resp.headers().firstValue("Retry-After").orElse(null));
    }
}
