package io.cell0.coordinator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicationCheckTest {

    static ReplicationCheck.Observation leader(long commit, ReplicationCheck.Follower... followers) {
        return new ReplicationCheck.Observation("leader", "n1", commit, commit, List.of(followers));
    }

    @Test
    void followersWithinTenEntriesAreHealthy() {
        Verdict v = ReplicationCheck.evaluate(leader(500, new ReplicationCheck.Follower("n2", true, 500, 20),
                new ReplicationCheck.Follower("n3", true, 490, 30)), 10);
        assertThat(v.level()).isEqualTo(Level.HEALTHY);
        assertThat(v.details()).containsEntry("max_lag_entries", 10L);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> followers = (Map<String, Map<String, Object>>) v.details().get("followers");
        assertThat(followers.get("n3")).containsEntry("lag_entries", 10L).containsEntry("match_index", 490L)
                .containsEntry("membership", "voter");
    }

    @Test
    void aFollowerMoreThanTenEntriesBehindIsAWarning() {
        Verdict v = ReplicationCheck.evaluate(leader(500, new ReplicationCheck.Follower("n2", true, 500, 20),
                new ReplicationCheck.Follower("n3", false, 489, 30)), 10);
        assertThat(v.level()).isEqualTo(Level.WARNING);
        assertThat(v.reasons()).singleElement().asString().startsWith("n3 is 11 entries behind");
    }

    @Test
    void aMatchIndexAheadOfTheCommitIndexIsNoNegativeLag() {
        Verdict v = ReplicationCheck.evaluate(leader(500, new ReplicationCheck.Follower("n2", true, 503, 20)), 10);
        assertThat(v.details()).containsEntry("max_lag_entries", 0L);
    }

    @Test
    void aFollowerJudgesItsOwnApplyBacklog() {
        assertThat(ReplicationCheck.evaluate(new ReplicationCheck.Observation("follower", "n1", 100, 95, List.of()), 10).level())
                .isEqualTo(Level.HEALTHY);
        Verdict v = ReplicationCheck.evaluate(new ReplicationCheck.Observation("follower", "n1", 100, 50, List.of()), 10);
        assertThat(v.level()).isEqualTo(Level.WARNING);
        assertThat(v.details()).containsEntry("lag_entries", 50L).containsEntry("leader", "n1");
    }

    @Test
    void withoutALeaderTheLagCannotBeMeasuredAndSaysSo() {
        Verdict v = ReplicationCheck.evaluate(new ReplicationCheck.Observation("candidate", null, 100, 100, List.of()), 10);
        assertThat(v.level()).isEqualTo(Level.HEALTHY);
        assertThat(v.details()).containsKey("note").containsEntry("leader", "");
    }
}
