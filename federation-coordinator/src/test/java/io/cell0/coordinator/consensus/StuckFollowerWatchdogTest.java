package io.cell0.coordinator.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the leader steps down for a follower it is not feeding, and when it must not. */
class StuckFollowerWatchdogTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final AtomicInteger stepDowns = new AtomicInteger();
    final java.util.List<String> events = new java.util.ArrayList<>();

    StuckFollowerWatchdog watchdog(Map<String, Long> silence, Map<String, Optional<String>> seen) {
        var view = new StuckFollowerWatchdog.View() {
            @Override
            public String selfId() {
                return "node-1";
            }

            @Override
            public Map<String, Long> followerSilenceMillis() {
                return silence;
            }

            @Override
            public Optional<String> leaderSeenBy(String nodeId) {
                return seen.getOrDefault(nodeId, Optional.empty());
            }

            @Override
            public void stepDown() {
                stepDowns.incrementAndGet();
                events.add("step down");
            }

            @Override
            public void snapshotOthers(String stuckFollower) {
                events.add("snapshots, not on " + stuckFollower);
            }
        };
        return new StuckFollowerWatchdog(view, 5_000, 30_000, now::get, false);
    }

    @Test
    void aLiveFollowerThatTheLeaderNoLongerFeedsMakesItStepDownOnce() throws Exception {
        var w = watchdog(Map.of("node-2", 200L, "node-3", 7_000L), Map.of("node-3", Optional.of("")));
        assertThat(w.check()).contains("node-3");
        assertThat(w.check()).as("cool-down").isEmpty();
        now.addAndGet(31_000);
        assertThat(w.check()).contains("node-3");
        assertThat(stepDowns).hasValue(2);
        assertThat(events).as("the voters' logs move on before the new election").startsWith("snapshots, not on node-3", "step down");
    }

    @Test
    void aFollowerThatDoesNotAnswerIsDownOrCutOffAndChangesNothing() throws Exception {
        var w = watchdog(Map.of("node-3", 60_000L), Map.of());
        assertThat(w.check()).isEmpty();
        assertThat(stepDowns).hasValue(0);
    }

    @Test
    void aFollowerThatKnowsThisLeaderIsOnlySlow() throws Exception {
        var w = watchdog(Map.of("node-3", 9_000L), Map.of("node-3", Optional.of("node-1")));
        assertThat(w.check()).isEmpty();
        assertThat(stepDowns).hasValue(0);
    }

    @Test
    void aRecentlyHeardFollowerIsFine() throws Exception {
        var w = watchdog(Map.of("node-3", 4_000L), Map.of("node-3", Optional.of("")));
        assertThat(w.check()).isEmpty();
        assertThat(stepDowns).hasValue(0);
    }
}
