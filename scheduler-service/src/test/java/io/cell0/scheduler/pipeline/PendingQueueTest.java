package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.req;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingQueueTest {
    final PendingQueue q = new PendingQueue();

    @Test
    void servesHigherPriorityFirstThenOlderThenByAgentId() {
        q.add(req("old-low", 1, 1).withSubmittedAt(1));
        q.add(req("new-high", 1, 1).withSubmittedAt(9).withPriority(3));
        q.add(req("b-same", 1, 1).withSubmittedAt(5));
        q.add(req("a-same", 1, 1).withSubmittedAt(5));
        q.add(req("mid", 1, 1).withSubmittedAt(2).withPriority(1));

        assertThat(q.peek().orElseThrow().agentId()).isEqualTo("new-high");
        assertThat(q.inOrder()).extracting(PlacementRequest::agentId)
                .containsExactly("new-high", "mid", "old-low", "a-same", "b-same");
        assertThat(q.drain()).extracting(PlacementRequest::agentId)
                .containsExactly("new-high", "mid", "old-low", "a-same", "b-same");
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.peek()).isEmpty();
    }

    @Test
    void keepsOneRequestPerAgent() {
        assertThat(q.add(req("a", 1, 1))).isTrue();
        assertThat(q.add(req("a", 2, 2).withPriority(9))).isFalse();

        assertThat(q.size()).isEqualTo(1);
        assertThat(q.get("a").orElseThrow().priority()).isZero();
    }

    @Test
    void updateReplacesAndRepositions() {
        q.add(req("a", 1, 1).withSubmittedAt(1));
        q.add(req("b", 1, 1).withSubmittedAt(2));

        assertThat(q.update(req("b", 1, 1).withSubmittedAt(2).withPriority(1))).isTrue();
        assertThat(q.update(req("nobody", 1, 1))).isFalse();

        assertThat(q.inOrder()).extracting(PlacementRequest::agentId).containsExactly("b", "a");
        assertThat(q.contains("nobody")).isFalse();
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void removeAndPollTakeRequestsOut() {
        q.add(req("a", 1, 1).withSubmittedAt(1));
        q.add(req("b", 1, 1).withSubmittedAt(2));
        q.add(req("c", 1, 1).withSubmittedAt(3));

        assertThat(q.remove("b")).map(PlacementRequest::agentId).contains("b");
        assertThat(q.remove("b")).isEmpty();
        assertThat(q.poll()).map(PlacementRequest::agentId).contains("a");
        assertThat(q.contains("a")).isFalse();
        assertThat(q.add(req("a", 1, 1))).as("a polled agent may be queued again").isTrue();
        assertThat(q.inOrder()).extracting(PlacementRequest::agentId).containsExactly("a", "c");
    }

    @Test
    void drainTakesAtMostTheGivenNumberInOrder() {
        for (int i = 0; i < 5; i++) {
            q.add(req("a" + i, 1, 1).withSubmittedAt(i));
        }

        assertThat(q.drain(2)).extracting(PlacementRequest::agentId).containsExactly("a0", "a1");
        assertThat(q.drain(0)).isEmpty();
        assertThat(q.inOrder()).extracting(PlacementRequest::agentId).containsExactly("a2", "a3", "a4");
    }
}
