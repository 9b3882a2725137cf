package io.cell0.coordinator.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaderTimelineTest {

    @Test
    void theFirstLeaderAfterStartIsNoElectionAndEndsTheLeaderlessTime() {
        LeaderTimeline t = new LeaderTimeline(1_000);
        assertThat(t.observe(1_500, 1, null, -1)).isEmpty();
        assertThat(t.snapshot().leaderlessMs(1_700)).isEqualTo(700);
        assertThat(t.observe(2_000, 1, "n1", 10)).isEmpty();
        assertThat(t.snapshot().leaderlessMs(2_100)).isZero();
        assertThat(t.snapshot().termAgeMs(2_100)).isEqualTo(600);
    }

    @Test
    void anElectionIsTimedFromTheLastContactWithTheOldLeaderToTheNewOne() {
        LeaderTimeline t = new LeaderTimeline(0);
        t.observe(100, 1, "n1", 0);
        t.observe(1_000, 1, "n1", 20);      // last heard from n1 at 980
        t.observe(1_300, 1, "n1", 320);     // n1 went quiet
        t.observe(1_400, 2, null, 420);     // candidate in term 2
        assertThat(t.snapshot().leaderlessMs(1_500)).isEqualTo(100);
        assertThat(t.observe(1_600, 2, "n2", 5)).hasValue(620);
        assertThat(t.snapshot().termAgeMs(1_600)).isEqualTo(200);
    }

    @Test
    void theNewLeaderTimesItsOwnElection() {
        LeaderTimeline t = new LeaderTimeline(0);
        t.observe(100, 3, "n1", 0);
        t.observe(500, 3, "n1", 10);        // contact at 490
        assertThat(t.observe(900, 4, "n2", 0)).hasValue(410);
        assertThat(t.observe(1_000, 4, "n2", 0)).isEmpty();
    }

    @Test
    void aTermThatChangesWithoutALeaderIsChurnButNoElectionYet() {
        LeaderTimeline t = new LeaderTimeline(0);
        t.observe(100, 1, "n1", 0);
        t.observe(200, 2, null, 100);
        t.observe(500, 3, null, 400);
        assertThat(t.snapshot().termAgeMs(600)).isEqualTo(100);
        assertThat(t.snapshot().leaderlessMs(600)).isEqualTo(400);
    }
}
