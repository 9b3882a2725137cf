package io.cell0.coordinator.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed {@code check_replication}: how many log entries each follower is behind. Only the leader
 * knows every follower's progress (its match index); any other node judges its own backlog, the
 * entries it knows are committed but has not applied yet.
 */
public final class ReplicationCheck {
    private ReplicationCheck() {
    }

    /** A follower or listener as the leader sees it. */
    public record Follower(String id, boolean voter, long matchIndex, long silenceMs) {
    }

    /** @param followers on the leader only; empty elsewhere */
    public record Observation(String role, String leaderId, long commitIndex, long appliedIndex, List<Follower> followers) {
    }

    public static Verdict evaluate(Observation o, long warningEntries) {
        Verdict.Builder v = new Verdict.Builder().detail("role", o.role()).detail("warning_above_entries", warningEntries);
        if ("leader".equals(o.role())) {
            Map<String, Object> followers = new LinkedHashMap<>();
            long worst = 0;
            for (Follower f : o.followers()) {
                long lag = lag(o.commitIndex(), f.matchIndex());
                worst = Math.max(worst, lag);
                followers.put(f.id(), Map.of("lag_entries", lag, "match_index", f.matchIndex(), "last_answer_ms", f.silenceMs(),
                        "membership", f.voter() ? "voter" : "observer"));
                if (lag > warningEntries) {
                    v.finding(Level.WARNING, f.id() + " is " + lag + " entries behind the leader's commit index " + o.commitIndex());
                }
            }
            return v.detail("commit_index", o.commitIndex()).detail("max_lag_entries", worst).detail("followers", followers).build();
        }
        long backlog = lag(o.commitIndex(), o.appliedIndex());
        v.detail("leader", o.leaderId() == null ? "" : o.leaderId()).detail("commit_index", o.commitIndex())
                .detail("applied_index", o.appliedIndex()).detail("lag_entries", backlog);
        if (backlog > warningEntries) {
            v.finding(Level.WARNING, "this node has applied " + backlog + " fewer entries than it knows are committed");
        }
        if (o.leaderId() == null) {
            v.detail("note", "no leader known: lag behind the cluster cannot be measured (see the consensus group)");
        }
        return v.build();
    }

    static long lag(long ahead, long behind) {
        return Math.max(0, ahead - behind);
    }
}
