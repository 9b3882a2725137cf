package io.cell0.coordinator.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.coordinator.config.FailureDetectionProperties;
import io.cell0.model.NodeStatus;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.NodeStatusChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The leader's verdicts, its grace period, lease grants and when it releases a DOWN node's agents. */
class FailureMonitorTest {
    static final FailureDetectionProperties DEFAULTS = new FailureDetectionProperties(true, 8.0, 3.0, 1000, 100, 1000, 2000, 2500, 1000);

    long term = 5;
    final Map<String, NodeStatus> status = new HashMap<>(Map.of("n1", NodeStatus.HEALTHY, "n2", NodeStatus.HEALTHY,
            "n3", NodeStatus.HEALTHY));
    final Map<String, Boolean> agents = new HashMap<>(Map.of("n2", true));
    final Map<String, Long> silence = new HashMap<>(Map.of("n2", 20L, "n3", 20L));
    final List<NodeStatusChange> proposals = new ArrayList<>();

    FailureMonitor monitor() {
        return new FailureMonitor(new FailureMonitor.View() {
            @Override
            public String selfId() {
                return "n1";
            }

            @Override
            public long leaderTerm() {
                return term;
            }

            @Override
            public List<FailureMonitor.NodeView> nodes() {
                return status.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> new FailureMonitor.NodeView(e.getKey(), e.getValue(), agents.getOrDefault(e.getKey(), false))).toList();
            }

            @Override
            public Map<String, Long> voterSilenceMillis() {
                return silence;
            }

            @Override
            public int voterCount() {
                return 3;
            }

            @Override
            public long commitIndex() {
                return 77;
            }

            @Override
            public CompletableFuture<CommandResult> propose(NodeStatusChange change) {
                proposals.add(change);
                // Applied at once, as the leader's own proposal would be.
                if (change.releaseAgents()) {
                    agents.put(change.nodeId(), false);
                }
                status.put(change.nodeId(), change.status());
                return CompletableFuture.completedFuture(CommandResult.accepted(1));
            }
        }, DEFAULTS, 100, 150, () -> 42L);
    }

    /** Heartbeats from n2 and n3 every 100 ms from {@code from} to {@code to}, ticking as they go. */
    static void beat(FailureMonitor m, long from, long to, String... nodes) {
        for (long t = from; t <= to; t += 100) {
            for (String n : nodes) {
                m.heartbeat(n, t);
            }
            m.tick(t);
        }
    }

    @Test
    void aNodeThatStopsBeatingBecomesSuspectThenDownAndItsAgentsAreReleasedAfterTheLease() {
        FailureMonitor m = monitor();
        beat(m, 0, 5_000, "n2", "n3");
        assertThat(proposals).isEmpty();
        // n2 falls silent after its heartbeat at 5,000 ms.
        List<NodeStatusChange> seen = new ArrayList<>();
        long downAt = -1;
        long releasedAt = -1;
        for (long t = 5_100; t <= 12_000; t += 100) {
            m.heartbeat("n3", t);
            for (NodeStatusChange c : m.tick(t)) {
                seen.add(c);
                if (c.status() == NodeStatus.DOWN && !c.releaseAgents()) {
                    downAt = t;
                }
                if (c.releaseAgents()) {
                    releasedAt = t;
                }
            }
        }
        assertThat(seen).extracting(NodeStatusChange::nodeId).containsOnly("n2");
        assertThat(seen).extracting(NodeStatusChange::status).containsExactly(NodeStatus.SUSPECT, NodeStatus.DOWN, NodeStatus.DOWN);
        assertThat(seen).allMatch(c -> c.leaderTerm() == 5);
        assertThat(downAt - 5_000).as("detection time").isBetween(1_000L, 2_000L);
        assertThat(releasedAt - 5_000).as("lease 2.5 s + margin 1 s after the last heartbeat").isBetween(3_500L, 3_600L);
    }

    @Test
    void aPauseShorterThanTheAcceptablePauseChangesNothing() {
        FailureMonitor m = monitor();
        beat(m, 0, 5_000, "n2", "n3");
        beat(m, 5_100, 5_900, "n3");
        beat(m, 6_000, 9_000, "n2", "n3");
        assertThat(proposals).isEmpty();
    }

    @Test
    void aNewLeaderWaitsForItsGracePeriodAndCountsANeverHeardNodesSilenceFromItsEnd() {
        FailureMonitor m = monitor();
        // Never heard from n2 in this term (office taken at t=10,000): silent only from the grace's end (12,000).
        beat(m, 10_000, 11_900, "n3");
        assertThat(proposals).as("grace period").isEmpty();
        beat(m, 12_000, 13_300, "n3");
        assertThat(proposals).as("1.3 s after the grace: a first connection may still be on its way").isEmpty();
        beat(m, 13_400, 15_000, "n3");
        assertThat(proposals).extracting(NodeStatusChange::status).contains(NodeStatus.DOWN);
        NodeStatusChange release = proposals.stream().filter(NodeStatusChange::releaseAgents).findFirst().orElseThrow();
        assertThat(release.nodeId()).isEqualTo("n2");
    }

    @Test
    void aNodeFirstHeardLateInTheGraceIsJudgedFromThatHeartbeat() {
        FailureMonitor m = monitor();
        beat(m, 10_000, 11_500, "n3");
        beat(m, 11_600, 13_000, "n2", "n3");
        assertThat(proposals).isEmpty();
        beat(m, 13_100, 15_000, "n3");
        assertThat(proposals).extracting(NodeStatusChange::nodeId, NodeStatusChange::status)
                .contains(org.assertj.core.groups.Tuple.tuple("n2", NodeStatus.DOWN));
    }

    @Test
    void untilReadyItNeitherJudgesNorGrantsAndTheGraceStartsWhenReady() {
        FailureMonitor m = monitor();
        m.holdUntilReady();
        assertThat(m.heartbeat("n1", 0)).isEqualTo(new FailureMonitor.Ack(-1, false, 0));
        for (long t = 0; t <= 5_000; t += 100) {
            assertThat(m.tick(t)).isEmpty();
        }
        m.ready();
        beat(m, 5_100, 7_000);
        assertThat(proposals).as("grace from the first tick when ready, 5,100").isEmpty();
        assertThat(m.heartbeat("n2", 7_050).leaseGranted()).isTrue();
    }

    @Test
    void aNodeBackFromDownIsHealthyAgain() {
        FailureMonitor m = monitor();
        status.put("n3", NodeStatus.DOWN);
        beat(m, 0, 3_000, "n2", "n3");
        assertThat(proposals).extracting(NodeStatusChange::nodeId, NodeStatusChange::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("n3", NodeStatus.HEALTHY));
    }

    @Test
    void leasesAreGrantedOnlyWithAQuorumAndOnlyByTheLeader() {
        FailureMonitor m = monitor();
        assertThat(m.heartbeat("n2", 0)).isEqualTo(new FailureMonitor.Ack(5, true, 77));
        silence.put("n2", 400L);
        assertThat(m.heartbeat("n2", 100).leaseGranted()).as("n3 still answers: 2 of 3").isTrue();
        silence.put("n3", 400L);
        assertThat(m.heartbeat("n2", 200).leaseGranted()).as("only itself: no quorum").isFalse();
        term = -1;
        assertThat(m.heartbeat("n2", 300)).isEqualTo(new FailureMonitor.Ack(-1, false, 0));
        assertThat(m.tick(300)).isEmpty();
    }

    @Test
    void afterAStallOfItsOwnTheLeaderGrantsNoLeaseUntilRaftHadTimeToDeposeIt() {
        FailureMonitor m = monitor();
        beat(m, 0, 1_000, "n2", "n3");
        assertThat(m.heartbeat("n1", 1_050).leaseGranted()).isTrue();
        // Paused (SIGSTOP, GC) for 9 s: the first answers after it must not renew anybody's lease.
        assertThat(m.heartbeat("n1", 10_000).leaseGranted()).as("right after the stall").isFalse();
        assertThat(m.heartbeat("n2", 10_500).leaseGranted()).isFalse();
        m.tick(10_600);
        assertThat(m.heartbeat("n1", 10_900).leaseGranted()).as("still within the hold").isFalse();
        beat(m, 11_000, 11_100, "n2", "n3");
        assertThat(m.heartbeat("n1", 11_200).leaseGranted()).as("held for 1 s, still leader with a quorum").isTrue();
    }

    @Test
    void theLeaderIsAlwaysHealthyInItsOwnEyes() {
        status.put("n1", NodeStatus.DOWN);
        FailureMonitor m = monitor();
        m.tick(0);
        assertThat(proposals).extracting(NodeStatusChange::nodeId, NodeStatusChange::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("n1", NodeStatus.HEALTHY));
    }
}
