package io.cell0.coordinator.consensus;

import io.cell0.model.NodeInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a Ratis 3.2.2 leader bug (RATIS-2487, fixed upstream after 3.2.2): when a
 * follower needs exactly the first entry of the leader's purged log, the leader's log appender
 * for it fails ("Previous TermIndex not found") and sends nothing more until the next leader
 * change. The follower stays behind for good if no further writes move the log start past it.
 *
 * <p>Every second, on the leader: a follower that has not answered this leader's appends for
 * {@code silenceMs} (8 s; the leader retries a failing follower at least every 0.5 s), yet answers its REST status and names no leader or another one, is alive and
 * reachable but not being fed. The leader then steps down (at most once per {@code cooldownMs});
 * the next leader starts fresh appenders, which bring the follower up to date from the log or a
 * snapshot. A follower that is down, paused or cut off does not answer and changes nothing.
 */
public final class StuckFollowerWatchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StuckFollowerWatchdog.class);

    /** How the watchdog sees the cluster; an interface so the decision is tested without Ratis. */
    public interface View {
        String selfId();

        /** Per follower, ms since it last answered this node's appends; empty unless leader. */
        Map<String, Long> followerSilenceMillis();

        /** The leader the given node reports through its REST status, "" for none; empty if it does not answer. */
        Optional<String> leaderSeenBy(String nodeId);

        void stepDown() throws Exception;

        /**
         * Has every voter but the stuck follower take a snapshot, so the next leader's log starts
         * after the follower's next entry and it sends a snapshot instead of failing again.
         */
        default void snapshotOthers(String stuckFollower) {
        }
    }

    private final View view;
    private final long silenceMs;
    private final long cooldownMs;
    private final LongSupplier clockMs;
    private final ScheduledExecutorService timer;
    private long lastStepDown = Long.MIN_VALUE / 2;

    public StuckFollowerWatchdog(View view, long silenceMs, long cooldownMs, LongSupplier clockMs, boolean start) {
        this.view = view;
        this.silenceMs = silenceMs;
        this.cooldownMs = cooldownMs;
        this.clockMs = clockMs;
        if (start) {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cell0-follower-watchdog");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::checkQuietly, 1, 1, TimeUnit.SECONDS);
        } else {
            this.timer = null;
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (Exception e) {
            log.debug("follower check failed", e);
        }
    }

    /** One round; returns the follower it stepped down for, if any. */
    public Optional<String> check() throws Exception {
        long now = clockMs.getAsLong();
        if (now - lastStepDown < cooldownMs) {
            return Optional.empty();
        }
        for (var e : view.followerSilenceMillis().entrySet()) {
            if (e.getValue() < silenceMs) {
                continue;
            }
            Optional<String> seen = view.leaderSeenBy(e.getKey());
            if (seen.isPresent() && !seen.get().equals(view.selfId())) {
                log.warn("follower {} answers its status but has not acknowledged this leader's appends for {} ms and sees leader '{}';"
                        + " taking snapshots and stepping down so a new leader starts fresh log appenders (Ratis 3.2.2, RATIS-2487)",
                        e.getKey(), e.getValue(), seen.get());
                lastStepDown = now;
                view.snapshotOthers(e.getKey());
                view.stepDown();
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** The production view: Ratis for the leader's side, each follower's public status for its side. */
    public static View of(ConsensusNode consensus, long requestTimeoutMs) {
        return of(consensus, requestTimeoutMs, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), "http");
    }

    /** As above, probing with {@code http} over {@code scheme} (https with the node's client certificate when TLS is on). */
    public static View of(ConsensusNode consensus, long requestTimeoutMs, HttpClient http, String scheme) {
        return new View() {
            @Override
            public String selfId() {
                return consensus.selfId();
            }

            @Override
            public Map<String, Long> followerSilenceMillis() {
                return consensus.followerSilenceMillis();
            }

            @Override
            public Optional<String> leaderSeenBy(String nodeId) {
                Optional<String> api = consensus.read(s -> s.node(nodeId).map(NodeInfo::apiAddress)).filter(a -> !a.isBlank());
                if (api.isEmpty()) {
                    return Optional.empty();
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(scheme + "://" + api.get() + "/federation/status"))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        return Optional.empty();
                    }
                    var m = java.util.regex.Pattern.compile("\"leader\"\\s*:\\s*(null|\"([^\"]*)\")").matcher(r.body());
                    return Optional.of(m.find() && m.group(2) != null ? m.group(2) : "");
                } catch (Exception e) {
                    return Optional.empty();
                }
            }

            @Override
            public void stepDown() throws Exception {
                consensus.stepDown(requestTimeoutMs);
            }

            @Override
            public void snapshotOthers(String stuckFollower) {
                consensus.snapshotVoters(stuckFollower, requestTimeoutMs);
            }
        };
    }
}
