package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static io.cell0.scheduler.pipeline.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A running agent short of copies gets the missing ones on other nodes, spread against the copies it keeps. */
class TopUpTest {
    final Pipeline pipeline = Pipeline.from(SchedulerSettings.defaults());

    @Test
    void theMissingCopyGoesToAnotherNodeInAnotherZone() {
        ClusterView v = view(node("a", "z1"), node("b", "z1"), node("c", "z2"));
        PlacementRequest r = Fixtures.req("pair", 100, 64).withReplicas(1).withKeep(List.of("a"));
        Placement p = pipeline.place(v, r);
        assertThat(p).isInstanceOf(Placed.class);
        assertThat(((Placed) p).nodeIds()).as("not a, and zone spread prefers z2 to a's zone").containsExactly("c");
    }

    @Test
    void withNoOtherNodeTheTopUpIsUnplaceable() {
        ClusterView v = view(node("a", "z1"));
        PlacementRequest r = Fixtures.req("pair", 100, 64).withReplicas(1).withKeep(List.of("a"));
        assertThat(pipeline.place(v, r)).isInstanceOf(Unplaceable.class);
    }

    @Test
    void aTopUpIsSoMarked() {
        assertThat(Fixtures.req("x", 1, 1).isTopUp()).isFalse();
        assertThat(Fixtures.req("x", 1, 1).withKeep(List.of("a")).isTopUp()).isTrue();
    }
}
