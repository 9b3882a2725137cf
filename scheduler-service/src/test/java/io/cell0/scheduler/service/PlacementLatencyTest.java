package io.cell0.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementLatencyTest {

    @Test
    void anAgentIsTimedFromFirstSeenPendingToTheAcceptedPlanThatPlacedIt() {
        PlacementLatency l = new PlacementLatency();
        assertThat(l.observe(Set.of("a"), 1_000)).isEmpty();
        assertThat(l.observe(Set.of("a", "b"), 2_000)).isEmpty();
        l.accepted(List.of("a", "b"), 5_000);
        // The watch shows "a" placed; "b" was refused and is still pending.
        assertThat(l.observe(Set.of("b"), 6_000)).containsExactly(4_000L);
        l.accepted(List.of("b"), 9_000);
        assertThat(l.observe(Set.of(), 9_500)).containsExactly(7_000L);
    }

    @Test
    void anAgentThatLeftThePendingSetWithoutAPlanOfOursIsNotCounted() {
        PlacementLatency l = new PlacementLatency();
        l.observe(Set.of("a"), 1_000);
        assertThat(l.observe(Set.of(), 2_000)).isEmpty();
        l.accepted(List.of("a"), 3_000);
        assertThat(l.observe(Set.of(), 4_000)).isEmpty();
    }

    @Test
    void aPlanForAnAgentNeverSeenPendingIsIgnored() {
        PlacementLatency l = new PlacementLatency();
        l.accepted(List.of("x"), 1_000);
        assertThat(l.observe(Set.of("x"), 2_000)).isEmpty();
        assertThat(l.observe(Set.of(), 3_000)).isEmpty();
    }
}
