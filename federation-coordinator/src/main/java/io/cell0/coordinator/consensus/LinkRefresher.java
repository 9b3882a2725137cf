package io.cell0.coordinator.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces gRPC connections to peers that have gone quiet, so a healed network partition is
 * noticed in seconds instead of whenever TCP next retransmits.
 *
 * <p>The problem: Ratis keeps one long-lived HTTP/2 connection per peer and sets no keep-alive on
 * it. Data sent while a link is cut stays unacknowledged, and TCP retransmits it with exponential
 * back-off (up to two minutes between tries). After the link is restored the connection looks
 * healthy to gRPC but carries nothing until the next retransmission; appends time out one after
 * the other and the peer stays behind, and a follower's read-index requests to the leader time
 * out, so it cannot serve linearizable reads. A new connection has no such back-off.
 *
 * <p>Every {@code periodMs} this node replaces its connection to a peer when
 * <ul>
 *   <li>it leads, and the peer has not answered its appends for {@code stallMs}, or</li>
 *   <li>it has started following a different leader: the connection to it may be one this node
 *       last used when it was cut off (vote requests, say), or</li>
 *   <li>it follows, and a linearizable read failed since the last check: the read index comes
 *       from the leader over this node's connection to it.</li>
 * </ul>
 * At most once per {@code cooldownMs} per peer, so a peer that is really down costs one cheap
 * reconnect attempt every few seconds. Replacing a healthy connection loses nothing: Ratis resends
 * whatever was not acknowledged.
 */
public final class LinkRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkRefresher.class);

    /** How the refresher sees this node; an interface so the decisions are tested without Ratis. */
    public interface View {
        /** On the leader: per follower, ms since it last answered this node's appends. Empty otherwise. */
        Map<String, Long> followerSilenceMillis();

        /** The leader this node follows; empty when it leads or knows no leader. */
        Optional<String> followedLeader();

        /** How many linearizable reads on this node have failed so far (a counter that only grows). */
        long failedReads();

        /** Drops the connection to the peer; the next call to it opens a new one. May block for seconds. */
        void reconnect(String peerId);
    }

    private final View view;
    private final long stallMs;
    private final long cooldownMs;
    private final LongSupplier clockMs;
    private final Map<String, Long> lastReconnect = new HashMap<>();
    private final ScheduledExecutorService timer;
    private final ExecutorService closer;
    private long failedReadsSeen;
    private String leaderSeen;

    public LinkRefresher(View view, long stallMs, long cooldownMs, long periodMs, LongSupplier clockMs, boolean start) {
        this.view = view;
        this.stallMs = stallMs;
        this.cooldownMs = cooldownMs;
        this.clockMs = clockMs;
        this.failedReadsSeen = view.failedReads();
        if (start) {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cell0-link-refresher"));
            // Closing a gRPC channel waits for its streams for a few seconds: never on the timer's thread.
            this.closer = Executors.newCachedThreadPool(r -> daemon(r, "cell0-link-reconnect"));
            timer.scheduleWithFixedDelay(this::checkQuietly, periodMs, periodMs, TimeUnit.MILLISECONDS);
        } else {
            this.timer = null;
            this.closer = null;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void checkQuietly() {
        try {
            for (String peer : check()) {
                closer.execute(() -> {
                    try {
                        view.reconnect(peer);
                    } catch (RuntimeException e) {
                        log.debug("reconnecting to {} failed", peer, e);
                    }
                });
            }
        } catch (RuntimeException e) {
            log.debug("link check failed", e);
        }
    }

    /** One round: decides which peers to reconnect to (the caller does it) and remembers when. */
    public synchronized List<String> check() {
        long now = clockMs.getAsLong();
        List<String> out = new ArrayList<>();
        view.followerSilenceMillis().forEach((peer, silence) -> {
            Long previous = lastReconnect.get(peer);
            if (silence >= stallMs && due(peer, now)) {
                // Once per silence: a follower that stays down is retried quietly.
                boolean sameSilence = previous != null && now - previous < silence;
                if (sameSilence) {
                    log.debug("follower {} still silent after {} ms: opening another connection", peer, silence);
                } else {
                    log.info("follower {} has not answered appends for {} ms: opening a new connection to it", peer, silence);
                }
                out.add(peer);
            }
        });
        Optional<String> leader = view.followedLeader();
        long failed = view.failedReads();
        boolean readFailed = failed > failedReadsSeen;
        failedReadsSeen = failed;
        if (leader.isEmpty()) {
            leaderSeen = null;
        } else if (!leader.get().equals(leaderSeen) || readFailed) {
            String l = leader.get();
            if (!out.contains(l) && due(l, now)) {
                log.info("{}: opening a new connection to leader {}", readFailed ? "a linearizable read failed" : "following a new leader", l);
                out.add(l);
                leaderSeen = l;
            }
        }
        return out;
    }

    private boolean due(String peer, long now) {
        Long last = lastReconnect.get(peer);
        if (last != null && now - last < cooldownMs) {
            return false;
        }
        lastReconnect.put(peer, now);
        return true;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            closer.shutdownNow();
        }
    }

    /** The production view over this node's Raft server. */
    public static View of(ConsensusNode consensus) {
        return new View() {
            @Override
            public Map<String, Long> followerSilenceMillis() {
                return consensus.followerSilenceMillis();
            }

            @Override
            public Optional<String> followedLeader() {
                return consensus.followedLeader();
            }

            @Override
            public long failedReads() {
                return consensus.failedReadBarriers();
            }

            @Override
            public void reconnect(String peerId) {
                consensus.reconnect(peerId);
            }
        };
    }
}
