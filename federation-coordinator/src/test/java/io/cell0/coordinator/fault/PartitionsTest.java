package io.cell0.coordinator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each partition shape keeps the promise its name makes. */
class PartitionsTest {

    @Test
    void anIsolatedNodeSeesOnlyItselfAndTheOthersStillSeeEachOther() {
        List<int[]> cut = Partitions.isolate(5, 2);
        assertThat(Partitions.reachable(5, cut, 2)).containsExactly(2);
        assertThat(Partitions.reachable(5, cut, 0)).containsExactly(0, 1, 3, 4);
    }

    @Test
    void aSplitLeavesOneMajority() {
        List<int[]> cut = Partitions.split(5, List.of(1, 3));
        assertThat(Partitions.reachable(5, cut, 1)).containsExactly(1, 3);
        assertThat(Partitions.reachable(5, cut, 0)).containsExactly(0, 2, 4);
    }

    @Test
    void inAMajoritiesRingEveryNodeSeesAMajorityAndNoTwoTheSame() {
        for (List<Integer> order : List.of(List.of(0, 1, 2), List.of(2, 0, 1), List.of(0, 1, 2, 3, 4), List.of(3, 0, 4, 2, 1))) {
            int n = order.size();
            List<int[]> cut = Partitions.majoritiesRing(order);
            assertThat(cut).isNotEmpty();
            Set<List<Integer>> views = new HashSet<>();
            int nodesWithCuts = 0;
            for (int node = 0; node < n; node++) {
                List<Integer> seen = Partitions.reachable(n, cut, node);
                assertThat(seen.size()).as("node %d in %s", node, order).isGreaterThan(n / 2);
                if (seen.size() < n) {
                    nodesWithCuts++;
                    views.add(seen);
                }
            }
            assertThat(views).as("distinct majorities in %s", order).hasSize(nodesWithCuts);
        }
    }

    @Test
    void aBridgeSeesBothHalvesWhichCannotSeeEachOther() {
        List<Integer> order = List.of(4, 0, 3, 1, 2);
        List<int[]> cut = Partitions.bridge(order);
        assertThat(Partitions.reachable(5, cut, 3)).containsExactly(0, 1, 2, 3, 4);
        assertThat(Partitions.reachable(5, cut, 4)).containsExactly(0, 3, 4);
        assertThat(Partitions.reachable(5, cut, 2)).containsExactly(1, 2, 3);
    }
}
