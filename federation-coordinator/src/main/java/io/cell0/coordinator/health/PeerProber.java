package io.cell0.coordinator.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the round trip to every peer's REST API in the background: every {@code intervalMs} a
 * {@code GET /federation/status} to each known node, at most one in flight per peer. The HTTP client
 * is given (with TLS on it carries this node's certificate, so a probe that answers also proves the
 * mutual TLS handshake works). Round trips to other zones feed {@code cell0.cross.zone.latency}.
 */
public final class PeerProber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerProber.class);
    /** Successful round trips remembered per peer; the check uses their median. */
    static final int WINDOW = 5;

    /** A node to probe: its id, zone and REST base URL. */
    public record Target(String id, String zone, String baseUrl) {
    }

    private final Supplier<List<Target>> targets;
    private final HttpClient http;
    private final String selfZone;
    private final Duration timeout;
    private final MeterRegistry registry;
    private final LongSupplier nanos;
    private final Map<String, PeerState> peers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    private static final class PeerState {
        volatile Target target;
        final Deque<Long> rtts = new ArrayDeque<>();
        volatile boolean inFlight;
        volatile boolean probed;
        volatile boolean reachable;
        volatile String error = "";
    }

    public PeerProber(Supplier<List<Target>> targets, HttpClient http, String selfZone, long intervalMs, long timeoutMs,
                      MeterRegistry registry) {
        this.targets = targets;
        this.http = http;
        this.selfZone = selfZone;
        this.timeout = Duration.ofMillis(timeoutMs);
        this.registry = registry;
        this.nanos = System::nanoTime;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cell0-peer-prober");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::round, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            List<Target> now = targets.get();
            peers.keySet().retainAll(now.stream().map(Target::id).toList());
            for (Target t : now) {
                PeerState s = peers.computeIfAbsent(t.id(), id -> new PeerState());
                s.target = t;
                if (!s.inFlight) {
                    probe(s, t);
                }
            }
        } catch (RuntimeException e) {
            log.debug("peer probe round failed", e);
        }
    }

    private void probe(PeerState s, Target t) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(t.baseUrl() + "/federation/status")).timeout(timeout)
                    .version(HttpClient.Version.HTTP_1_1).GET().build();
        } catch (IllegalArgumentException e) {
            synchronized (s) {
                s.probed = true;
                s.reachable = false;
                s.error = "bad API address " + t.baseUrl();
            }
            return;
        }
        s.inFlight = true;
        long start = nanos.getAsLong();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            long rttNanos = nanos.getAsLong() - start;
            synchronized (s) {
                s.probed = true;
                if (failure != null || response.statusCode() >= 500) {
                    s.reachable = false;
                    s.error = failure != null ? describe(failure) : "HTTP " + response.statusCode();
                } else {
                    // Any answer below 500 proves the link and the TLS handshake; 401/403 would say the
                    // certificate is refused, which is worth seeing but is still a round trip.
                    s.reachable = true;
                    s.error = response.statusCode() == 200 ? "" : "HTTP " + response.statusCode();
                    s.rtts.addLast(TimeUnit.NANOSECONDS.toMillis(rttNanos));
                    while (s.rtts.size() > WINDOW) {
                        s.rtts.removeFirst();
                    }
                    if (!t.zone().equals(selfZone)) {
                        Timer.builder("cell0.cross.zone.latency").tag("from_zone", selfZone).tag("to_zone", t.zone())
                                .description("Round trip of a REST probe to a node in another zone")
                                .publishPercentiles(0.5, 0.99).serviceLevelObjectives(Duration.ofMillis(50))
                                .register(registry).record(rttNanos, TimeUnit.NANOSECONDS);
                    }
                }
                s.inFlight = false;
            }
        });
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Every peer probed at least once, as the connectivity check takes them. */
    public List<ConnectivityCheck.Peer> peers() {
        List<ConnectivityCheck.Peer> out = new ArrayList<>();
        for (PeerState s : peers.values()) {
            synchronized (s) {
                if (!s.probed) {
                    continue;
                }
                long[] sorted = s.rtts.stream().mapToLong(Long::longValue).sorted().toArray();
                long median = sorted.length == 0 ? -1 : sorted[(sorted.length - 1) / 2];
                out.add(new ConnectivityCheck.Peer(s.target.id(), s.target.zone(), s.reachable, median, s.error));
            }
        }
        out.sort(java.util.Comparator.comparing(ConnectivityCheck.Peer::id));
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
