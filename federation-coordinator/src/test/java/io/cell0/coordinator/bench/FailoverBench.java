package io.cell0.coordinator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failover time: from {@code kill -9} of the leader to the first write acknowledged by the cluster
 * that was sent after the kill. Writers keep sending to the surviving nodes with a short timeout.
 * Uses {@code ./cell0 kill|start} against the local cluster.
 *
 * <pre>java -cp ... io.cell0.coordinator.bench.FailoverBench --kills 20</pre>
 */
public final class FailoverBench {
    static HttpClient HTTP;
    private static final Pattern LEADER = Pattern.compile("\"leader\":\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state_index\":(\\d+).*\"state_hash\":\"([0-9a-f]+)\"");

    public static void main(String[] args) throws Exception {
        int kills = args.length >= 2 && args[0].equals("--kills") ? Integer.parseInt(args[1]) : 20;
        List<String> urls = LoadGenerator.restUrls(Path.of(".cell0/cluster.json"));
        HTTP = BenchTls.client(Path.of(".cell0/cluster.json"), Duration.ofMillis(500));
        List<Double> samples = new ArrayList<>();
        for (int round = 1; round <= kills; round++) {
            String leader = awaitAgreedLeader(urls, 60_000);
            // The node restarted in the previous round is still compiling its hot code and takes
            // most of a core for a while; kill the next leader only once the cluster is quiet again.
            quiet(urls, SETTLE_MS);
            int leaderNumber = Integer.parseInt(leader.replace("node-", ""));
            List<String> survivors = new ArrayList<>(urls);
            survivors.remove(urls.get(leaderNumber - 1));
            double ms = measureOneFailover(leaderNumber, survivors);
            samples.add(ms);
            System.out.printf(Locale.ROOT, "round %d: killed %s, first acknowledged write after %.0f ms%n", round, leader, ms);
            cell0("start", Integer.toString(leaderNumber));
            awaitConverged(urls, 60_000);
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "failover over %d leader kills: p50=%.0f ms p99=%.0f ms max=%.0f ms samples=%s%n", sorted.length,
                percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1], Arrays.toString(sorted));
    }

    static final long SETTLE_MS = 10_000;

    /** Keeps reading status from every node (so nothing looks idle to the JIT) for the given time. */
    static void quiet(List<String> urls, long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            urls.forEach(FailoverBench::status);
            Thread.sleep(200);
        }
    }

    static double measureOneFailover(int leaderNumber, List<String> survivors) throws Exception {
        AtomicLong firstAck = new AtomicLong(Long.MAX_VALUE);
        long[] t0 = new long[1];
        List<Thread> writers = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int w = 0; w < 4; w++) {
            String url = survivors.get(w % survivors.size());
            int writer = w;
            Thread t = new Thread(() -> {
                for (long i = 0; firstAck.get() == Long.MAX_VALUE && System.nanoTime() < deadline; i++) {
                    long sent = System.nanoTime();
                    try {
                        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/federation/config/failover-" + writer))
                                .timeout(Duration.ofMillis(1000)).header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":" + i + "}")).build();
                        int status = HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                        long done = System.nanoTime();
                        synchronized (t0) {
                            if (status == 200 && t0[0] != 0 && sent > t0[0]) {
                                firstAck.accumulateAndGet(done, Math::min);
                            }
                        }
                    } catch (Exception e) {
                        // timeouts and refused connections are expected while there is no leader
                    }
                }
            });
            t.start();
            writers.add(t);
        }
        Thread.sleep(300); // writers warm up their connections before the kill
        // SIGKILL straight from here: going through ./cell0 would add a bash start-up to the figure,
        // and writes the old leader acknowledged in that window would count as "after the kill".
        ProcessHandle leader = ProcessHandle.of(leaderPid(leaderNumber)).orElseThrow();
        synchronized (t0) {
            t0[0] = System.nanoTime();
            leader.destroyForcibly();
        }
        leader.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        for (Thread t : writers) {
            t.join();
        }
        if (firstAck.get() == Long.MAX_VALUE) {
            throw new IllegalStateException("no write acknowledged within 30 s of killing node-" + leaderNumber);
        }
        return (firstAck.get() - t0[0]) / 1e6;
    }

    /** The leader's pid, from .cell0/node-N/pid as ./cell0 keeps it. */
    static long leaderPid(int number) throws java.io.IOException {
        return Long.parseLong(java.nio.file.Files.readString(Path.of(".cell0", "node-" + number, "pid")).trim());
    }

    static String awaitAgreedLeader(List<String> urls, long timeoutMs) throws Exception {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            Set<String> leaders = new HashSet<>();
            for (String u : urls) {
                Matcher m = LEADER.matcher(status(u));
                leaders.add(m.find() ? m.group(1) : "none");
            }
            if (leaders.size() == 1 && !leaders.contains("none")) {
                return leaders.iterator().next();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nodes do not agree on a leader");
    }

    static void awaitConverged(List<String> urls, long timeoutMs) throws Exception {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            Set<String> states = new HashSet<>();
            for (String u : urls) {
                Matcher m = STATE.matcher(status(u));
                states.add(m.find() ? m.group(1) + "/" + m.group(2) : "unknown-" + u);
            }
            if (states.size() == 1) {
                awaitAgreedLeader(urls, timeoutMs);
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("replicas did not converge");
    }

    static String status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/federation/status")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    static void cell0(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("./cell0"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("./cell0 " + String.join(" ", args) + " failed");
        }
    }

    static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
