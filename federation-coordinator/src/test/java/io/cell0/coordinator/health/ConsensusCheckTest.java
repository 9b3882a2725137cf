package io.cell0.coordinator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsensusCheckTest {
    static final ConsensusCheck.Thresholds T = new ConsensusCheck.Thresholds(1_000, 3_000, 10_000);

    static ConsensusCheck.Observation leader(Map<String, Long> silence, long termAgeMs) {
        return new ConsensusCheck.Observation("n1", "leader", 4, "n1", 3, true, silence, 0, 0, termAgeMs, 100, 100);
    }

    static ConsensusCheck.Observation follower(String leader, long contactMs, long leaderlessMs, long termAgeMs) {
        return new ConsensusCheck.Observation("n2", leader == null ? "candidate" : "follower", 4, leader, 3, true, Map.of(),
                contactMs, leaderlessMs, termAgeMs, 100, 99);
    }

    @Test
    void aLeaderHearingFromEveryVoterInAStableTermIsHealthy() {
        Verdict v = ConsensusCheck.evaluate(leader(Map.of("n2", 40L, "n3", 60L), 60_000), T);
        assertThat(v.level()).isEqualTo(Level.HEALTHY);
        assertThat(v.reasons()).isEmpty();
        assertThat(v.details()).containsEntry("role", "leader").containsEntry("reachable_voters", 3L).containsEntry("quorum_size", 2);
    }

    @Test
    void aLeaderWithOneSilentVoterOfThreeStillHasItsQuorum() {
        assertThat(ConsensusCheck.evaluate(leader(Map.of("n2", 40L, "n3", 5_000L), 60_000), T).level()).isEqualTo(Level.HEALTHY);
    }

    @Test
    void aLeaderThatHearsFromNoOtherVoterHasLostItsQuorum() {
        Verdict v = ConsensusCheck.evaluate(leader(Map.of("n2", 1_000L, "n3", 5_000L), 60_000), T);
        assertThat(v.level()).isEqualTo(Level.CRITICAL);
        assertThat(v.reasons()).singleElement().asString().contains("only 1 of 3 voters");
    }

    @Test
    void noLeaderIsAWarningDuringAnElectionAndCriticalOnceItLastsLongerThanOne() {
        assertThat(ConsensusCheck.evaluate(follower(null, -1, 500, 60_000), T).level()).isEqualTo(Level.WARNING);
        Verdict v = ConsensusCheck.evaluate(follower(null, -1, 3_000, 60_000), T);
        assertThat(v.level()).isEqualTo(Level.CRITICAL);
        assertThat(v.reasons().get(0)).contains("no leader known for 3000 ms");
        assertThat(v.details()).containsEntry("leader", "").containsEntry("leaderless_ms", 3_000L);
    }

    @Test
    void aFollowerJudgesTheQuorumByHowRecentlyTheLeaderReachedIt() {
        assertThat(ConsensusCheck.evaluate(follower("n1", 80, 0, 60_000), T).level()).isEqualTo(Level.HEALTHY);
        assertThat(ConsensusCheck.evaluate(follower("n1", 1_500, 0, 60_000), T).level()).isEqualTo(Level.WARNING);
        assertThat(ConsensusCheck.evaluate(follower("n1", 4_000, 0, 60_000), T).level()).isEqualTo(Level.CRITICAL);
    }

    @Test
    void aRecentTermChangeIsAWarningUntilTheTermHasBeenStable() {
        Verdict v = ConsensusCheck.evaluate(leader(Map.of("n2", 40L, "n3", 60L), 2_000), T);
        assertThat(v.level()).isEqualTo(Level.WARNING);
        assertThat(v.reasons()).singleElement().asString().contains("term changed to 4 2000 ms ago");
        assertThat(ConsensusCheck.evaluate(leader(Map.of("n2", 40L, "n3", 60L), 10_000), T).level()).isEqualTo(Level.HEALTHY);
    }

    @Test
    void theWorstFindingWinsAndEveryReasonIsKept() {
        Verdict v = ConsensusCheck.evaluate(follower(null, -1, 9_000, 100), T);
        assertThat(v.level()).isEqualTo(Level.CRITICAL);
        assertThat(v.reasons()).hasSize(2);
    }

    @Test
    void aSingleVoterIsItsOwnQuorum() {
        Verdict v = ConsensusCheck.evaluate(new ConsensusCheck.Observation("n1", "leader", 1, "n1", 1, true, Map.of(), 0, 0, 60_000, 5, 5), T);
        assertThat(v.level()).isEqualTo(Level.HEALTHY);
    }
}
