package io.cell0.coordinator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failure detection and recovery against the local cluster ({@code ./cell0 up}, with its scheduler):
 * <ul>
 *   <li>{@code --crashes N}: N times, {@code kill -9} a follower that runs agents, then measure
 *       detection (kill → DOWN committed) and recovery (kill → every agent it ran running on another
 *       node), restart it and wait until it is HEALTHY again;</li>
 *   <li>{@code --pause-minutes M}: for M minutes, pause a random follower with SIGSTOP for 100–900 ms
 *       (under the 1 s acceptable pause) every 1–3 s and count the SUSPECT and DOWN verdicts the
 *       leader commits — each one is a false alarm.</li>
 * </ul>
 * <pre>java -cp ... io.cell0.coordinator.bench.FailureBench --crashes 20 --pause-minutes 30</pre>
 */
public final class FailureBench {
    /** With the operator certificate when the cluster runs TLS (cluster.json names it). */
    private static HttpClient HTTP;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int crashes = 20;
        int pauseMinutes = 0;
        int agents = 6;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--crashes" -> crashes = Integer.parseInt(args[i + 1]);
                case "--pause-minutes" -> pauseMinutes = Integer.parseInt(args[i + 1]);
                case "--agents" -> agents = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HTTP = BenchTls.client(Path.of(".cell0/cluster.json"), Duration.ofSeconds(2));
        FailoverBench.HTTP = HTTP; // its leader and pid helpers are used here too
        List<String> urls = LoadGenerator.restUrls(Path.of(".cell0/cluster.json"));
        if (crashes > 0) {
            crashes(urls, crashes, agents);
        }
        if (pauseMinutes > 0) {
            pauses(urls, pauseMinutes);
        }
    }

    static void crashes(List<String> urls, int crashes, int agents) throws Exception {
        String demo = Path.of("demo/counter-agent.sh").toAbsolutePath().toString();
        for (int i = 0; i < agents; i++) {
            send("POST", urls.get(0) + "/federation/agents", """
                    {"agent_type": "demo", "config": {"command": ["/bin/sh", "%s"], "restart": "always"},
                     "placement": {"replicas": 1}, "resources": {"cpu_millis": 100, "memory_mb": 64}}""".formatted(demo));
        }
        List<Double> detection = new ArrayList<>();
        List<Double> recovery = new ArrayList<>();
        Random random = new Random(20261125);
        for (int round = 1; round <= crashes; round++) {
            String leader = FailoverBench.awaitAgreedLeader(urls, 60_000);
            Map<String, List<String>> byNode = awaitAllRunning(urls, agents);
            List<String> candidates = byNode.keySet().stream().filter(n -> !n.equals(leader)).sorted().toList();
            if (candidates.isEmpty()) {
                throw new IllegalStateException("no follower runs an agent: " + byNode);
            }
            String victim = candidates.get(random.nextInt(candidates.size()));
            List<String> moved = byNode.get(victim);
            int number = Integer.parseInt(victim.replace("node-", ""));
            ProcessHandle process = ProcessHandle.of(FailoverBench.leaderPid(number)).orElseThrow();
            String observer = urls.get(Integer.parseInt(leader.replace("node-", "")) - 1);
            long t0 = System.nanoTime();
            process.destroyForcibly();
            double down = -1;
            double recovered = -1;
            while ((down < 0 || recovered < 0) && System.nanoTime() - t0 < 60_000_000_000L) {
                JsonNode watch = get(observer + "/federation/watch?since=0&timeout_ms=0");
                double now = (System.nanoTime() - t0) / 1e6;
                if (down < 0) {
                    for (JsonNode n : watch.path("nodes")) {
                        if (victim.equals(n.path("node_id").asString()) && "down".equals(n.path("status").asString())) {
                            down = now;
                        }
                    }
                }
                if (recovered < 0 && moved.stream().allMatch(id -> runsElsewhere(watch, id, victim))) {
                    recovered = now;
                }
                Thread.sleep(20);
            }
            if (down < 0 || recovered < 0) {
                throw new IllegalStateException("round " + round + ": " + victim + " not DOWN or its agents not moved within 60 s");
            }
            detection.add(down);
            recovery.add(recovered);
            System.out.printf(Locale.ROOT, "round %d: killed %s (%d agents): DOWN after %.0f ms, agents running elsewhere after %.0f ms%n",
                    round, victim, moved.size(), down, recovered);
            FailoverBench.cell0("start", Integer.toString(number));
            FailoverBench.awaitConverged(urls, 120_000);
            FailoverBench.quiet(urls, 5_000);
        }
        report("detection (kill -9 -> DOWN committed)", detection);
        report("recovery (kill -9 -> agents running elsewhere)", recovery);
    }

    static void pauses(List<String> urls, int minutes) throws Exception {
        Random random = new Random(7);
        Map<String, Integer> before = verdicts();
        long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
        int pauses = 0;
        while (System.nanoTime() < end) {
            String leader = FailoverBench.awaitAgreedLeader(urls, 60_000);
            int leaderNumber = Integer.parseInt(leader.replace("node-", ""));
            int victim = 1 + random.nextInt(urls.size());
            if (victim == leaderNumber) {
                continue;
            }
            long pid = FailoverBench.leaderPid(victim);
            long ms = 100 + random.nextInt(800);
            new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
            Thread.sleep(ms); // the pause itself
            new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
            pauses++;
            Thread.sleep(1_000 + random.nextInt(2_000));
        }
        Map<String, Integer> after = verdicts();
        int falseSuspect = after.getOrDefault("SUSPECT", 0) - before.getOrDefault("SUSPECT", 0);
        int falseDown = after.getOrDefault("DOWN", 0) - before.getOrDefault("DOWN", 0);
        System.out.printf(Locale.ROOT, "pauses: %d minutes, %d SIGSTOP pauses of 100-900 ms: false SUSPECT %d, false DOWN %d%n", minutes, pauses,
                falseSuspect, falseDown);
    }

    /** Verdicts logged by every node's failure monitor so far ("node X -> DOWN"), by status. */
    static Map<String, Integer> verdicts() throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (var dirs = Files.list(Path.of(".cell0"))) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("node-")).toList()) {
                Path log = d.resolve("coordinator.log");
                if (Files.exists(log)) {
                    for (String line : Files.readAllLines(log)) {
                        for (String s : List.of("SUSPECT", "DOWN")) {
                            if (line.contains("FailureMonitor") && line.contains(" -> " + s + ":")) {
                                out.merge(s, 1, Integer::sum);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    static boolean runsElsewhere(JsonNode watch, String agentId, String victim) {
        for (JsonNode a : watch.path("agents")) {
            if (agentId.equals(a.path("agent_id").asString())) {
                String node = a.path("node").asString("");
                return !node.isEmpty() && !node.equals(victim) && "running".equals(a.path("runtime").path(node).path("phase").asString());
            }
        }
        return false;
    }

    /** Waits until every agent runs; returns node -> agents with their primary copy there. */
    static Map<String, List<String>> awaitAllRunning(List<String> urls, int agents) throws Exception {
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode watch = get(urls.get(0) + "/federation/watch?since=0&timeout_ms=0");
            Map<String, List<String>> byNode = new HashMap<>();
            int running = 0;
            for (JsonNode a : watch.path("agents")) {
                String node = a.path("node").asString("");
                if (!node.isEmpty() && "running".equals(a.path("runtime").path(node).path("phase").asString())) {
                    running++;
                    byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(a.path("agent_id").asString());
                }
            }
            if (running >= agents) {
                return byNode;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("agents not all running within 120 s");
    }

    static void report(String what, List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s over %d crashes: p50=%.0f ms p99=%.0f ms max=%.0f ms samples=%s%n", what, sorted.length,
                FailoverBench.percentile(sorted, 50), FailoverBench.percentile(sorted, 99), sorted[sorted.length - 1], Arrays.toString(sorted));
    }

    static JsonNode get(String url) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    static void send(String method, String url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        }
    }

    private FailureBench() {
    }
}
