package io.cell0.coordinator.fault;

import io.cell0.coordinator.fault.Op.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients doing register operations — read, write, compare-and-set — on a few config keys through
 * the public REST API, one request outstanding per client, recording every operation with its
 * times and outcome. A compare-and-set is a read of the key's version followed by a PUT with that
 * {@code expected_version}; both are recorded.
 */
public final class RegisterWorkload {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> keys;
    private final Supplier<List<String>> nodeUrls;
    private final HttpClient http;
    private final Duration timeout;
    private final Queue<Op> history = new ConcurrentLinkedQueue<>();

    private final boolean staleReads;
    private final long startNs = System.nanoTime();
    private volatile long rotateEveryNs;

    /**
     * @param staleReads read with {@code ?stale=true} (each node's local replica) — not linearizable;
     *                   only the negative control uses it, to show the checker notices
     * @param http       the client for every request; with TLS it carries a client certificate allowed to
     *                   read and write config (the operator's)
     */
    public RegisterWorkload(List<String> keys, Supplier<List<String>> nodeUrls, Duration timeout, boolean staleReads,
                            HttpClient http) {
        this.http = http;
        this.keys = keys;
        this.nodeUrls = nodeUrls;
        this.timeout = timeout;
        this.staleReads = staleReads;
    }

    public record Read(Outcome outcome, String value, long version) {
    }

    /**
     * Moves the clients to a fresh set of keys every {@code period}, so each key's history stays
     * short enough for the linearizability search and many keys see faults. 0 = never rotate.
     */
    public RegisterWorkload rotatingKeysEvery(Duration period) {
        this.rotateEveryNs = period.toNanos();
        return this;
    }

    private String generation() {
        long period = rotateEveryNs;
        return period <= 0 ? "" : "-g" + (System.nanoTime() - startNs) / period;
    }

    /** Every key an operation touched. */
    public java.util.SortedSet<String> keysUsed() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        history.forEach(op -> out.add(op.key()));
        return out;
    }

    public List<Op> history() {
        return List.copyOf(history);
    }

    /** Runs one client until {@code deadlineNs}. */
    public void client(int id, long seed, long deadlineNs) {
        Random random = new Random(seed);
        int node = id;
        for (int n = 0; System.nanoTime() < deadlineNs; n++) {
            List<String> urls = nodeUrls.get();
            String url = urls.get(Math.floorMod(node, urls.size()));
            String key = keys.get(random.nextInt(keys.size())) + generation();
            String value = "c" + id + "-" + n;
            int dice = random.nextInt(10);
            boolean ok;
            if (dice < 4) {
                ok = read(id, url, key, staleReads).outcome() == Outcome.OK;
            } else if (dice < 8) {
                ok = write(id, url, key, value, -1, null) != Outcome.UNKNOWN;
            } else {
                Read before = read(id, url, key, false);
                ok = before.outcome() == Outcome.OK
                        && write(id, url, key, value, before.version(), before.value() == null ? "" : before.value()) != Outcome.UNKNOWN;
            }
            if (!ok) {
                node++; // try another node next time, as a client library would
            }
        }
    }

    public Read read(int client, String url, String key, boolean stale) {
        long invoke = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/federation/config/" + key + (stale ? "?stale=true" : "")))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            long complete = System.nanoTime();
            if (r.statusCode() == 404) {
                history.add(Op.read(client, key, null, invoke, complete));
                return new Read(Outcome.OK, null, 0);
            }
            if (r.statusCode() == 200) {
                JsonNode body = JSON.readTree(r.body());
                String v = body.path("value").stringValue();
                long version = body.path("version").asLong();
                history.add(Op.read(client, key, v, invoke, complete).withVersion(version));
                return new Read(Outcome.OK, v, version);
            }
        } catch (IOException | RuntimeException e) {
            // a read that did not complete tells nothing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Read(Outcome.UNKNOWN, null, 0);
    }

    /**
     * An unconditional write ({@code expectedVersion < 0}) or a compare-and-set. {@code expectedValue}
     * is the value that carried {@code expectedVersion} ("" for an absent key, mapped to null).
     */
    Outcome write(int client, String url, String key, String value, long expectedVersion, String expectedValue) {
        boolean cas = expectedVersion >= 0;
        String body = "{\"value\":\"" + value + "\"" + (cas ? ",\"expected_version\":" + expectedVersion : "") + "}";
        long invoke = System.nanoTime();
        Outcome outcome;
        boolean swapped = false;
        long version = 0;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/federation/config/" + key)).timeout(timeout)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            int s = r.statusCode();
            if (s == 200) {
                outcome = Outcome.OK;
                swapped = true;
                version = JSON.readTree(r.body()).path("version").asLong();
            } else if (s == 409 && cas) {
                outcome = Outcome.OK; // the comparison failed: a definite, observed outcome
            } else if (s >= 400 && s < 500) {
                outcome = Outcome.FAIL;
            } else {
                outcome = Outcome.UNKNOWN; // 503: may still commit later
            }
        } catch (ConnectException e) {
            outcome = Outcome.FAIL; // never reached a node
        } catch (HttpTimeoutException e) {
            outcome = Outcome.UNKNOWN;
        } catch (IOException e) {
            outcome = Outcome.UNKNOWN; // connection lost mid-request
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.UNKNOWN;
        }
        long complete = System.nanoTime();
        String expected = expectedValue == null || expectedValue.isEmpty() ? null : expectedValue;
        history.add((cas ? Op.cas(client, key, expected, value, outcome, swapped, invoke, complete)
                : Op.write(client, key, value, outcome, invoke, complete)).withVersion(version));
        return outcome;
    }
}
