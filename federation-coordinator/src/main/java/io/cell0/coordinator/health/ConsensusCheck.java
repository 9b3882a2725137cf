package io.cell0.coordinator.health;

import java.util.Map;

/**
 * Seed {@code check_consensus}: is a leader known, is the term stable, can a quorum be reached, and
 * what is this node's role. Pure: the inputs are one observation of Raft plus what the
 * {@link RaftWatch} remembers across observations.
 */
public final class ConsensusCheck {
    private ConsensusCheck() {
    }

    /**
     * @param leaderId          null while no leader is known
     * @param voterSilenceMs    on the leader: every other voter with ms since it last answered an append
     * @param leaderContactMs   on a follower or listener: ms since the leader's last append arrived; -1 unknown
     * @param leaderlessMs      how long this node has been without a known leader (0 while it knows one)
     * @param termAgeMs         ms since this node saw the term change (or since it started)
     */
    public record Observation(String selfId, String role, long term, String leaderId, int voters, boolean selfVoter,
                              Map<String, Long> voterSilenceMs, long leaderContactMs, long leaderlessMs, long termAgeMs,
                              long commitIndex, long appliedIndex) {
    }

    public record Thresholds(long quorumContactMs, long leaderlessCriticalMs, long termStableMs) {
    }

    public static Verdict evaluate(Observation o, Thresholds t) {
        int quorum = o.voters() / 2 + 1;
        Verdict.Builder v = new Verdict.Builder()
                .detail("role", o.role()).detail("term", o.term()).detail("leader", o.leaderId() == null ? "" : o.leaderId())
                .detail("voters", o.voters()).detail("quorum_size", quorum)
                .detail("commit_index", o.commitIndex()).detail("applied_index", o.appliedIndex())
                .detail("term_age_ms", o.termAgeMs());
        if (o.leaderId() == null) {
            v.detail("leaderless_ms", o.leaderlessMs());
            if (o.leaderlessMs() >= t.leaderlessCriticalMs()) {
                v.finding(Level.CRITICAL, "no leader known for " + o.leaderlessMs() + " ms: writes and linearizable reads fail");
            } else {
                v.finding(Level.WARNING, "electing a leader (" + o.leaderlessMs() + " ms without one)");
            }
        } else if ("leader".equals(o.role())) {
            long answered = o.voterSilenceMs().values().stream().filter(ms -> ms < t.quorumContactMs()).count();
            long reachable = answered + (o.selfVoter() ? 1 : 0);
            v.detail("reachable_voters", reachable);
            if (reachable < quorum) {
                v.finding(Level.CRITICAL, "only " + reachable + " of " + o.voters() + " voters answered within "
                        + t.quorumContactMs() + " ms; a quorum needs " + quorum);
            }
        } else {
            v.detail("leader_contact_ms", o.leaderContactMs());
            if (o.leaderContactMs() >= t.leaderlessCriticalMs()) {
                v.finding(Level.CRITICAL, "leader " + o.leaderId() + " silent for " + o.leaderContactMs() + " ms");
            } else if (o.leaderContactMs() >= t.quorumContactMs()) {
                v.finding(Level.WARNING, "leader " + o.leaderId() + " silent for " + o.leaderContactMs() + " ms");
            }
        }
        if (o.termAgeMs() < t.termStableMs()) {
            v.finding(Level.WARNING, "term changed to " + o.term() + " " + o.termAgeMs() + " ms ago (stable after "
                    + t.termStableMs() + " ms)");
        }
        return v.build();
    }
}
