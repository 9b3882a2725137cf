package io.cell0.coordinator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end placement throughput through a running cluster and its scheduler-service: registers
 * synthetic capacity nodes (no processes) with {@code node_join} batches, creates agents with no
 * command in {@code agent_spawn} batches, and follows the watch API until every agent is placed.
 * Reports placements per second from the first agent created to the last one placed, and from the
 * last one created to the last one placed, and over the window from the first placement seen to the
 * last. To measure scheduling and commit alone, stop the scheduler while the agents are created and
 * start it once "created" is printed: the last figure is then the placement rate.
 *
 * <pre>java -cp ... io.cell0.coordinator.bench.PlacementBench --url https://127.0.0.11:8080 --scheduler https://127.0.0.10:8070
 *     --nodes 1000 --agents 10000</pre>
 */
public final class PlacementBench {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static HttpClient HTTP;

    public static void main(String[] args) throws Exception {
        String url = "https://127.0.0.11:8080";
        String cluster = ".cell0/cluster.json";
        String scheduler = "https://127.0.0.10:8070";
        int nodes = 1000;
        int agents = 10_000;
        int replicas = 1;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--cluster" -> cluster = args[i + 1];
                case "--scheduler" -> scheduler = args[i + 1];
                case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
                case "--agents" -> agents = Integer.parseInt(args[i + 1]);
                case "--replicas" -> replicas = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // The coordinator answers only HTTPS with a client certificate: the operator's, from cluster.json.
        HTTP = BenchTls.client(Path.of(cluster), Duration.ofSeconds(5));
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        for (int start = 0; start < nodes; start += 1000) {
            StringBuilder b = new StringBuilder("{\"commands\":[");
            for (int i = start; i < Math.min(nodes, start + 1000); i++) {
                b.append(i == start ? "" : ",").append("{\"type\":\"node_join\",\"node_id\":\"bench-").append(run).append('-').append(i)
                        .append("\",\"zone\":\"bench-zone-").append(i % 4)
                        .append("\",\"capacity\":{\"cpu_millis\":64000,\"memory_mb\":262144,\"gpus\":0,\"storage_mb\":1000000}}");
            }
            post(url + "/federation/batch", b.append("]}").toString());
        }
        long since = get(url + "/federation/watch?since=0&timeout_ms=0").path("applied_index").asLong();
        System.out.printf(Locale.ROOT, "registered %d synthetic nodes; creating %d agents (replicas %d)%n", nodes, agents, replicas);

        Set<String> ids = new HashSet<>();
        long t0 = System.nanoTime();
        for (int start = 0; start < agents; start += 1000) {
            StringBuilder b = new StringBuilder("{\"commands\":[");
            for (int i = start; i < Math.min(agents, start + 1000); i++) {
                String id = "pb-" + run + "-" + i;
                ids.add(id);
                b.append(i == start ? "" : ",").append("{\"type\":\"agent_spawn\",\"agent\":{\"agent_id\":\"").append(id)
                        .append("\",\"agent_type\":\"bench\",\"placement\":{\"replicas\":").append(replicas)
                        .append("},\"resources\":{\"cpu_millis\":100,\"memory_mb\":64}}}");
            }
            post(url + "/federation/batch", b.append("]}").toString());
        }
        long created = System.nanoTime();
        System.out.printf(Locale.ROOT, "created %d agents in %.2f s%n", ids.size(), (created - t0) / 1e9);
        Set<String> placed = new HashSet<>();
        long firstPlaced = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (placed.size() < ids.size() && System.nanoTime() < deadline) {
            JsonNode w = get(url + "/federation/watch?since=" + since + "&timeout_ms=5000");
            since = w.path("applied_index").asLong();
            for (JsonNode a : w.path("agents")) {
                String id = a.path("agent_id").stringValue();
                if (ids.contains(id) && a.hasNonNull("node")) {
                    placed.add(id);
                }
            }
            if (firstPlaced == 0 && !placed.isEmpty()) {
                firstPlaced = System.nanoTime();
            }
        }
        long done = System.nanoTime();
        double all = (done - t0) / 1e9;
        double afterCreate = (done - created) / 1e9;
        System.out.printf(Locale.ROOT, "placed %d of %d agents; created in %.2f s; all placed %.2f s after the first was created "
                        + "(%.0f placements/s end to end), %.2f s after the last was created%n",
                placed.size(), ids.size(), (created - t0) / 1e9, all, placed.size() * replicas / all, afterCreate);
        System.out.printf(Locale.ROOT, "from the first placement seen to the last: %.2f s (%.0f placements/s; with the scheduler "
                + "stopped while agents are created this is pure scheduling and commit)%n", (done - firstPlaced) / 1e9,
                placed.size() * replicas / Math.max(1e-9, (done - firstPlaced) / 1e9));
        System.out.println("scheduler: " + get(scheduler + "/scheduler/status"));
    }

    static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode n = JSON.readTree(r.body());
        if (n.path("rejected").asInt() > 0) {
            throw new IllegalStateException("rejected commands: " + r.body().substring(0, Math.min(500, r.body().length())));
        }
        return n;
    }

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
