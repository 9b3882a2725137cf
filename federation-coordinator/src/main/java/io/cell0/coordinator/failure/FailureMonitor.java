package io.cell0.coordinator.failure;

import io.cell0.coordinator.config.FailureDetectionProperties;
import io.cell0.model.NodeStatus;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.NodeStatusChange;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of failure detection. Nodes send heartbeats; the leader keeps a phi-accrual
 * {@link HeartbeatHistory} per node, and on every tick turns phi into a status — HEALTHY, SUSPECT
 * (phi ≥ {@code suspect_threshold}) or DOWN (phi ≥ {@code phi_threshold}) — and proposes a
 * {@link NodeStatusChange} stamped with its term whenever the committed status differs. A new leader
 * starts with empty histories, counts every node's silence from the moment it took office, and
 * declares nobody SUSPECT or DOWN during its grace period.
 *
 * <p><b>Leases.</b> A heartbeat is acknowledged with a lease grant only while this leader has
 * heard from a majority of voters within the minimum election timeout, so a leader cut off with a
 * minority grants nothing. A node keeps its agents running while it holds a lease and stops them
 * when the last grant is {@code lease_ms} old (measured from when it sent that heartbeat). This
 * leader releases a DOWN node's agents — they become pending and are placed elsewhere — only when
 * {@code lease_ms + lease_margin_ms} have passed since the node's last heartbeat reached it, or
 * since it took office if it never heard from the node: by then no leader, old or new, can have
 * granted the node a lease that still runs (README, "Failure detection").
 *
 * <p>All times are milliseconds on the monotonic clock given; {@link #tick} and
 * {@link #heartbeat} are synchronized.
 */
public final class FailureMonitor {
    private static final Logger log = LoggerFactory.getLogger(FailureMonitor.class);

    /** A node as the replicated state knows it. */
    public record NodeView(String id, NodeStatus status, boolean holdsAgents) {
    }

    /** What the monitor needs from the cluster; an interface so the decisions are tested without Ratis. */
    public interface View {
        String selfId();

        /** This node's term while it leads, -1 otherwise. */
        long leaderTerm();

        List<NodeView> nodes();

        /** Voters other than this node: ms since each last answered this leader's appends. */
        Map<String, Long> voterSilenceMillis();

        /** Voters in the configuration, this node included. */
        int voterCount();

        /** This leader's commit index (sent with a lease grant). */
        long commitIndex();

        CompletableFuture<CommandResult> propose(NodeStatusChange change);
    }

    /**
     * The answer to a heartbeat. {@code term} -1: this node does not lead. {@code commitIndex}: the
     * leader's commit index with a grant; the node starts agents only once it has applied that far.
     */
    public record Ack(long term, boolean leaseGranted, long commitIndex) {
    }

    /** What the leader currently thinks of a node (for the API and metrics). */
    public record Judgement(String nodeId, double phi, long silenceMs, boolean heard, NodeStatus verdict) {
    }

    private final View view;
    private final FailureDetectionProperties p;
    private final long heartbeatIntervalMs;
    private final long quorumWindowMs;
    private final LongSupplier wallClockMs;
    private final Map<String, HeartbeatHistory> histories = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private long term = -1;
    private long leaderSince;
    private boolean ready = true;
    private long lastTickMs = -1;
    private long noGrantsUntilMs = Long.MIN_VALUE;

    /**
     * @param quorumWindowMs a voter that answered within this long counts towards the quorum a
     *                       lease grant needs: the minimum election timeout, so no other leader
     *                       can have been elected meanwhile
     */
    public FailureMonitor(View view, FailureDetectionProperties properties, long heartbeatIntervalMs, long quorumWindowMs,
                          LongSupplier wallClockMs) {
        this.view = view;
        this.p = properties;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.quorumWindowMs = quorumWindowMs;
        this.wallClockMs = wallClockMs;
    }

    /**
     * Until {@link #ready()}, neither judges nor grants: while this node cannot yet receive the
     * others' heartbeats (its web server is still starting), their silence means nothing, and a
     * grace period started then would be over before the first heartbeat could arrive.
     */
    public synchronized void holdUntilReady() {
        ready = false;
    }

    /** This node can receive heartbeats: judging may start (the grace period begins at the next tick). */
    public synchronized void ready() {
        ready = true;
    }

    /** A heartbeat from {@code nodeId} arrived at {@code nowMs}. */
    public synchronized Ack heartbeat(String nodeId, long nowMs) {
        long current = view.leaderTerm();
        if (current < 0 || !ready) {
            return new Ack(-1, false, 0);
        }
        enterTerm(current, nowMs);
        history(nodeId, nowMs).heartbeat(nowMs);
        noticeStall(nowMs);
        boolean granted = nowMs >= noGrantsUntilMs && hasQuorumContact();
        return new Ack(current, granted, granted ? view.commitIndex() : 0);
    }

    /**
     * This node's judging stalled (a long GC pause, SIGSTOP, no CPU): its idea of being leader and of
     * its commit index may be stale — a new leader may have moved agents meanwhile — and the first
     * answers after the stall (the followers rejecting it) even look like fresh quorum contact. So no
     * lease is granted until Ratis has had time to depose it: three minimum election timeouts.
     */
    private void noticeStall(long nowMs) {
        if (lastTickMs >= 0 && nowMs - lastTickMs > Math.max(1_000, 3 * quorumWindowMs)) {
            long until = nowMs + Math.max(1_000, 3 * quorumWindowMs);
            if (until > noGrantsUntilMs) {
                log.warn("no judging for {} ms (a stall or pause of this node): granting no lease for {} ms", nowMs - lastTickMs,
                        until - nowMs);
                noGrantsUntilMs = until;
            }
            lastTickMs = nowMs;
        }
    }

    private boolean hasQuorumContact() {
        long recent = 1 + view.voterSilenceMillis().values().stream().filter(ms -> ms < quorumWindowMs).count();
        return recent > view.voterCount() / 2;
    }

    private void enterTerm(long current, long nowMs) {
        if (current != term) {
            histories.clear();
            inFlight.clear();
            term = current;
            leaderSince = nowMs;
            log.info("leading in term {}: judging nodes afresh, nobody declared down for {} ms", current, p.graceMs());
        }
    }

    /**
     * A node this leader has not heard from yet is taken as silent only from the end of the grace
     * period: its first heartbeat may need a new connection to this leader, and phi from a prior
     * guess says nothing about how long that takes. One that never speaks is still declared down,
     * a grace period later than one that falls silent.
     */
    private HeartbeatHistory history(String nodeId, long nowMs) {
        return histories.computeIfAbsent(nodeId, id -> {
            HeartbeatHistory h = new HeartbeatHistory(p.sampleWindow(), heartbeatIntervalMs, p.minStdDeviationMs(), p.acceptablePauseMs());
            h.silentSince(Math.max(nowMs, leaderSince + p.graceMs()));
            return h;
        });
    }

    /** One round of judging; returns the changes it proposed. */
    public synchronized List<NodeStatusChange> tick(long nowMs) {
        if (!ready) {
            return List.of();
        }
        noticeStall(nowMs);
        lastTickMs = nowMs;
        long current = view.leaderTerm();
        if (current < 0) {
            term = -1;
            histories.clear();
            inFlight.clear();
            return List.of();
        }
        enterTerm(current, nowMs);
        boolean inGrace = nowMs - leaderSince < p.graceMs();
        java.util.ArrayList<NodeStatusChange> proposed = new java.util.ArrayList<>();
        for (NodeView n : view.nodes()) {
            if (n.status() == NodeStatus.LEFT) {
                histories.remove(n.id());
                continue;
            }
            NodeStatus verdict;
            String reason;
            HeartbeatHistory h = history(n.id(), nowMs);
            if (n.id().equals(view.selfId())) {
                verdict = NodeStatus.HEALTHY;
                reason = "the leader itself";
            } else {
                double phi = h.phi(nowMs);
                long silence = nowMs - h.lastHeartbeatMs();
                if (!inGrace && phi >= p.phiThreshold()) {
                    verdict = NodeStatus.DOWN;
                } else if (!inGrace && phi >= p.suspectThreshold()) {
                    verdict = NodeStatus.SUSPECT;
                } else if (h.heard() && phi < p.suspectThreshold()) {
                    verdict = NodeStatus.HEALTHY;
                } else {
                    verdict = n.status();
                }
                reason = String.format(Locale.ROOT, "phi %.1f after %d ms without a heartbeat", phi, silence);
            }
            if (verdict != n.status()) {
                propose(new NodeStatusChange(n.id(), verdict, current, false, reason, wallClockMs.getAsLong()), proposed);
            } else if (verdict == NodeStatus.DOWN && n.holdsAgents()) {
                long since = Math.max(leaderSince, h.heard() ? h.lastHeartbeatMs() : leaderSince);
                if (nowMs - since >= p.leaseMs() + p.leaseMarginMs()) {
                    propose(new NodeStatusChange(n.id(), NodeStatus.DOWN, current, true,
                            "lease over: no heartbeat for " + (nowMs - since) + " ms", wallClockMs.getAsLong()), proposed);
                }
            }
        }
        return proposed;
    }

    private void propose(NodeStatusChange change, List<NodeStatusChange> proposed) {
        String key = change.nodeId() + "/" + change.status() + "/" + change.releaseAgents();
        if (!inFlight.add(key)) {
            return;
        }
        if (change.status() != NodeStatus.HEALTHY || change.releaseAgents()) {
            log.warn("node {} -> {}{}: {}", change.nodeId(), change.status(), change.releaseAgents() ? " (agents released)" : "",
                    change.reason());
        } else {
            log.info("node {} -> HEALTHY: {}", change.nodeId(), change.reason());
        }
        proposed.add(change);
        view.propose(change).whenComplete((r, e) -> {
            synchronized (this) {
                inFlight.remove(key);
            }
        });
    }

    /** The leader's current view of a node; empty when this node does not lead or never judged it. */
    public synchronized Optional<Judgement> judgement(String nodeId, long nowMs, NodeStatus committed) {
        HeartbeatHistory h = term < 0 ? null : histories.get(nodeId);
        if (h == null) {
            return Optional.empty();
        }
        return Optional.of(new Judgement(nodeId, h.phi(nowMs), nowMs - h.lastHeartbeatMs(), h.heard(), committed));
    }
}
