package io.cell0.coordinator.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Which connections a node replaces, and how often. */
class LinkRefresherTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final Map<String, Long> silence = new HashMap<>();
    final AtomicReference<String> leader = new AtomicReference<>();
    final AtomicLong failedReads = new AtomicLong();

    LinkRefresher refresher() {
        var view = new LinkRefresher.View() {
            @Override
            public Map<String, Long> followerSilenceMillis() {
                return Map.copyOf(silence);
            }

            @Override
            public Optional<String> followedLeader() {
                return Optional.ofNullable(leader.get());
            }

            @Override
            public long failedReads() {
                return failedReads.get();
            }

            @Override
            public void reconnect(String peerId) {
                throw new AssertionError("check() only decides; the timer thread reconnects");
            }
        };
        return new LinkRefresher(view, 2_000, 3_000, 500, now::get, false);
    }

    @Test
    void aLeaderReconnectsToAFollowerSilentForTheStallTimeAndNotToOthers() {
        silence.put("node-2", 150L);
        silence.put("node-3", 2_000L);
        var r = refresher();
        assertThat(r.check()).containsExactly("node-3");
    }

    @Test
    void reconnectsToOnePeerAtMostOncePerCooldown() {
        silence.put("node-3", 60_000L);
        var r = refresher();
        assertThat(r.check()).containsExactly("node-3");
        now.addAndGet(2_999);
        assertThat(r.check()).as("within the cool-down").isEmpty();
        now.addAndGet(1);
        assertThat(r.check()).containsExactly("node-3");
    }

    @Test
    void aFollowerReconnectsToEachNewLeaderOnce() {
        var r = refresher();
        assertThat(r.check()).as("no leader known").isEmpty();
        leader.set("node-1");
        assertThat(r.check()).containsExactly("node-1");
        now.addAndGet(10_000);
        assertThat(r.check()).as("same leader").isEmpty();
        leader.set("node-2");
        assertThat(r.check()).containsExactly("node-2");
        leader.set(null);
        now.addAndGet(10_000);
        assertThat(r.check()).isEmpty();
        leader.set("node-2");
        assertThat(r.check()).as("a leader found again after none").containsExactly("node-2");
    }

    @Test
    void aFailedReadOnAFollowerReplacesItsConnectionToTheLeaderAgain() {
        leader.set("node-1");
        var r = refresher();
        assertThat(r.check()).containsExactly("node-1");
        now.addAndGet(5_000);
        assertThat(r.check()).as("no read failed").isEmpty();
        failedReads.incrementAndGet();
        assertThat(r.check()).containsExactly("node-1");
        failedReads.incrementAndGet();
        now.addAndGet(1_000);
        assertThat(r.check()).as("within the cool-down").isEmpty();
        now.addAndGet(5_000);
        assertThat(r.check()).as("the failure in the cool-down was already counted").isEmpty();
    }

    @Test
    void readsThatFailedBeforeStartOrWithoutALeaderChangeNothing() {
        failedReads.set(7);
        var r = refresher();
        assertThat(r.check()).as("failures from before the refresher started").isEmpty();
        failedReads.incrementAndGet();
        assertThat(r.check()).as("no leader to reconnect to").isEmpty();
    }
}
