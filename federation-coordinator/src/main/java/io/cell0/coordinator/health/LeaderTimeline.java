package io.cell0.coordinator.health;

import java.util.OptionalLong;

/**
 * What one node remembers between observations of Raft: when the term last changed, since when it
 * has had no leader, and how long the last change of leader took (the seed's "leader election time").
 *
 * <p>An election is timed from the last moment this node heard from the old leader (or was the old
 * leader) to the first observation that shows a leader of a newer term: that covers failure
 * detection (the election timeout) and the vote, which is what clients wait through. The first leader
 * after start-up is not an election anyone waited for and is not timed. Not thread-safe: one
 * observer calls {@link #observe}; readers use the immutable {@link Snapshot}.
 */
public final class LeaderTimeline {
    private long term = -1;
    private long termChangedAtMs;
    private long leaderlessSinceMs = -1;
    /** Last time this node had word from a leader (its own leadership counts); -1 before any leader. */
    private long lastContactMs = -1;
    private long leaderTerm = -1;
    private volatile Snapshot snapshot;

    /** What the health checks read. */
    public record Snapshot(long termChangedAtMs, long leaderlessSinceMs) {
        public long termAgeMs(long nowMs) {
            return Math.max(0, nowMs - termChangedAtMs);
        }

        /** 0 while a leader is known. */
        public long leaderlessMs(long nowMs) {
            return leaderlessSinceMs < 0 ? 0 : Math.max(0, nowMs - leaderlessSinceMs);
        }
    }

    public LeaderTimeline(long startedAtMs) {
        termChangedAtMs = startedAtMs;
        leaderlessSinceMs = startedAtMs;
        snapshot = new Snapshot(termChangedAtMs, leaderlessSinceMs);
    }

    /**
     * One observation.
     *
     * @param leaderContactMs ms since the leader last reached this node (0 on the leader itself)
     * @return the duration of an election that just ended, if this observation shows its end
     */
    public OptionalLong observe(long nowMs, long currentTerm, String leaderId, long leaderContactMs) {
        OptionalLong election = OptionalLong.empty();
        if (currentTerm != term) {
            term = currentTerm;
            termChangedAtMs = nowMs;
        }
        if (leaderId == null) {
            if (leaderlessSinceMs < 0) {
                leaderlessSinceMs = nowMs;
            }
        } else {
            leaderlessSinceMs = -1;
            if (currentTerm != leaderTerm) {
                if (leaderTerm >= 0 && lastContactMs >= 0) {
                    election = OptionalLong.of(Math.max(0, nowMs - lastContactMs));
                }
                leaderTerm = currentTerm;
            }
            if (leaderContactMs >= 0) {
                lastContactMs = Math.max(lastContactMs, nowMs - leaderContactMs);
            }
        }
        snapshot = new Snapshot(termChangedAtMs, leaderlessSinceMs);
        return election;
    }

    public Snapshot snapshot() {
        return snapshot;
    }
}
