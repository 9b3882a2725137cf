package io.cell0.scheduler.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Talks to the coordinators' REST API: watches and plan submissions. It sticks to one coordinator
 * and moves to the next one in the list when a call fails, so the scheduler survives the loss of
 * the node it was talking to.
 */
public class CoordinatorClient {
    private final List<String> urls;
    private final ObjectMapper json;
    private final HttpClient http;
    private final AtomicInteger current = new AtomicInteger();

    /** Plain HTTP (TLS off). */
    public CoordinatorClient(List<String> urls, ObjectMapper json) {
        this(urls, json, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());
    }

    /** With TLS, {@code http} carries the scheduler's client certificate and trusts only the cluster CA. */
    public CoordinatorClient(List<String> urls, ObjectMapper json, HttpClient http) {
        this.urls = urls.stream().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        this.json = json;
        this.http = http;
    }

    /** A call the coordinator answered with an error status: not retried elsewhere (it would answer the same). */
    public static final class Refused extends IOException {
        private final int status;

        Refused(int status, String body) {
            super("coordinator answered " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public String currentUrl() {
        return urls.get(Math.floorMod(current.get(), urls.size()));
    }

    /** Moves to the next coordinator, after a failure. */
    public void next() {
        current.incrementAndGet();
    }

    public JsonNode watch(long since, long timeoutMs) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(currentUrl() + "/federation/watch?since=" + since + "&timeout_ms=" + timeoutMs
                + "&require_leader=true"))
                .timeout(Duration.ofMillis(timeoutMs + 10_000)).GET().build();
        return send(req);
    }

    public JsonNode submitPlan(Object plan) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(currentUrl() + "/federation/plans"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(plan))).build();
        return send(req);
    }

    private JsonNode send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() >= 500) {
            throw new IOException("coordinator " + currentUrl() + " answered " + r.statusCode() + ": " + r.body());
        }
        if (r.statusCode() >= 400) {
            throw new Refused(r.statusCode(), r.body());
        }
        return json.readTree(r.body());
    }
}
