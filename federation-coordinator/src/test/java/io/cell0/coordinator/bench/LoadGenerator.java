package io.cell0.coordinator.bench;

import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Write load against a running cluster through the public REST API ({@code PUT /federation/config/{key}}).
 *
 * <p>With {@code --rate R} the load is open-loop: operation i of a client is due at
 * {@code start + i * clients / R}, and its latency is measured from that due time, so a slow
 * server cannot hide its stalls by delaying the next request (coordinated omission). With
 * {@code --rate max} each client sends its next request as soon as the previous one returns.
 *
 * <pre>
 * java -cp ... io.cell0.coordinator.bench.LoadGenerator [--cluster .cell0/cluster.json | --urls u1,u2]
 *      --clients 64 --rate 2000|max --duration 20 --warmup 5 --keys 1000 --value-bytes 64 [--batch 100]
 * </pre>
 *
 * <p>With {@code --batch N} every request is a {@code POST /federation/batch} carrying N config
 * updates; throughput then counts acknowledged commands, latency is per request.
 * <pre>
 * </pre>
 */
public final class LoadGenerator {
    record Options(List<String> urls, int clients, double rate, int durationS, int warmupS, int keys, int valueBytes, int batch) {
    }

    record Result(Options options, long ok, long rejected, long unavailable, long timeouts, long otherErrors, double seconds,
                  Histogram latencyUs) {
        double okPerSecond() {
            return ok / seconds;
        }

        String summary() {
            return String.format(Locale.ROOT,
                    "offered=%s clients=%d batch=%d ok/s=%.0f p50=%.2fms p99=%.2fms p999=%.2fms max=%.2fms ok=%d 503=%d timeouts=%d rejected=%d other=%d",
                    options.rate() <= 0 ? "max" : String.format(Locale.ROOT, "%.0f/s", options.rate()), options.clients(),
                    options.batch(), okPerSecond(), ms(latencyUs.getValueAtPercentile(50)), ms(latencyUs.getValueAtPercentile(99)),
                    ms(latencyUs.getValueAtPercentile(99.9)), ms(latencyUs.getMaxValue()), ok, unavailable, timeouts, rejected, otherErrors);
        }

        String markdownRow() {
            return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d |",
                    options.rate() <= 0 ? "max" : String.format(Locale.ROOT, "%.0f", options.rate()), options.clients(),
                    options.batch(), okPerSecond(), ms(latencyUs.getValueAtPercentile(50)), ms(latencyUs.getValueAtPercentile(99)),
                    ms(latencyUs.getValueAtPercentile(99.9)), ms(latencyUs.getMaxValue()), unavailable + timeouts + otherErrors);
        }

        static double ms(long us) {
            return us / 1000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        // Keep one connection per client alive (the JDK's default keeps five per host).
        System.setProperty("http.maxConnections", "1024");
        Options o = parse(args);
        Result r = run(o);
        System.out.println(r.summary());
        System.out.println(r.markdownRow());
    }

    static Result run(Options o) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong unavailable = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        AtomicLong other = new AtomicLong();
        String value = "\"" + "v".repeat(Math.max(0, o.valueBytes() - 2)) + "\"";
        long start = System.nanoTime();
        long measureFrom = start + o.warmupS() * 1_000_000_000L;
        long end = measureFrom + o.durationS() * 1_000_000_000L;
        double perClientIntervalNs = o.rate() <= 0 ? 0 : 1e9 * o.clients() / o.rate();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < o.clients(); c++) {
            int client = c;
            String base = o.urls().get(c % o.urls().size());
            Thread t = new Thread(() -> {
                long i = 0;
                // Stagger clients across one interval so a fixed rate is not sent in bursts.
                long offset = (long) (perClientIntervalNs * client / Math.max(1, o.clients()));
                while (true) {
                    long due = perClientIntervalNs > 0 ? start + offset + (long) (i * perClientIntervalNs) : System.nanoTime();
                    // Stop at the end of the run even when behind schedule: an overloaded cluster shows
                    // up as fewer completed operations and high latency, not as a run that never ends.
                    if (due >= end || System.nanoTime() >= end) {
                        return;
                    }
                    long now = System.nanoTime();
                    if (due > now) {
                        java.util.concurrent.locks.LockSupport.parkNanos(due - now);
                    }
                    int status;
                    int applied = 1;
                    try {
                        Reply reply = send(o, base, value, client, i);
                        status = reply.status();
                        if (o.batch() > 1 && status == 200) {
                            applied = appliedCount(reply.body());
                        }
                    } catch (SocketTimeoutException e) {
                        status = -1;
                    } catch (IOException e) {
                        status = -2;
                    }
                    long done = System.nanoTime();
                    // Everything that completes inside the window counts, also operations that were
                    // due before it (an overloaded run is behind schedule); latency is still taken
                    // from the scheduled time.
                    if (done >= measureFrom && done <= end) {
                        recorder.recordValue(Math.max(1, (done - due) / 1000));
                        switch (status) {
                            case 200 -> ok.addAndGet(applied);
                            case 409, 422 -> rejected.incrementAndGet();
                            case 503 -> unavailable.incrementAndGet();
                            case -1 -> timeouts.incrementAndGet();
                            default -> other.incrementAndGet();
                        }
                    }
                    i++;
                }
            }, "load-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(o, ok.get(), rejected.get(), unavailable.get(), timeouts.get(), other.get(), o.durationS(),
                recorder.getIntervalHistogram());
    }

    record Reply(int status, String body) {
    }

    /**
     * One PUT of one key, or with {@code --batch N} one POST /federation/batch of N config updates.
     * {@link HttpURLConnection} runs the exchange on the calling thread over a kept-alive connection;
     * the asynchronous {@code java.net.http} client hands every exchange between threads, which on
     * a two-core machine added about a millisecond to each request.
     */
    private static Reply send(Options o, String base, String value, int client, long i) throws IOException {
        if (o.batch() <= 1) {
            String key = "bench-" + ((client * 7919L + i) % o.keys());
            return exchange("PUT", base + "/federation/config/" + key, "{\"value\":" + value + "}");
        }
        StringBuilder body = new StringBuilder("{\"commands\":[");
        for (int j = 0; j < o.batch(); j++) {
            String key = "bench-" + ((client * 7919L + i * o.batch() + j) % o.keys());
            body.append(j == 0 ? "" : ",").append("{\"type\":\"config_update\",\"key\":\"").append(key)
                    .append("\",\"value\":").append(value).append('}');
        }
        return exchange("POST", base + "/federation/batch", body.append("]}").toString());
    }

    private static Reply exchange(String method, String url, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(2_000);
        c.setReadTimeout(10_000);
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        c.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(bytes);
        }
        int status = c.getResponseCode();
        // Reading the body to its end returns the connection to the keep-alive cache.
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Reply(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static final Pattern APPLIED = Pattern.compile("\"applied\":(\\d+)");

    private static int appliedCount(String body) {
        Matcher m = APPLIED.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static Options parse(String[] args) throws IOException {
        List<String> urls = null;
        String cluster = ".cell0/cluster.json";
        int clients = 1;
        double rate = 0;
        int duration = 20;
        int warmup = 5;
        int keys = 1000;
        int valueBytes = 64;
        int batch = 1;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--urls" -> urls = List.of(v.split(","));
                case "--cluster" -> cluster = v;
                case "--clients" -> clients = Integer.parseInt(v);
                case "--rate" -> rate = v.equals("max") ? 0 : Double.parseDouble(v);
                case "--duration" -> duration = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--keys" -> keys = Integer.parseInt(v);
                case "--value-bytes" -> valueBytes = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (urls == null) {
            urls = restUrls(Path.of(cluster));
        }
        // https:// URLs need the operator certificate; cluster.json names it.
        BenchTls.useOperatorForUrlConnections(Path.of(cluster));
        return new Options(urls, clients, rate, duration, warmup, keys, valueBytes, batch);
    }

    /** The rest_url of every node in cluster.json. */
    static List<String> restUrls(Path clusterJson) throws IOException {
        Matcher m = Pattern.compile("\"rest_url\":\\s*\"([^\"]+)\"").matcher(Files.readString(clusterJson));
        List<String> urls = new ArrayList<>();
        while (m.find()) {
            urls.add(m.group(1));
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no rest_url in " + clusterJson);
        }
        return urls;
    }
}
