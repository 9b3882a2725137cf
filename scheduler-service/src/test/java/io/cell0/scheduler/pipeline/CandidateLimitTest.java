package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static io.cell0.scheduler.pipeline.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Planning with a candidate limit: every node reachable, the limit respected, the rules still kept. */
class CandidateLimitTest {
    @Test
    void theStrideVisitsEveryNodeExactlyOnce() {
        for (int n = 1; n <= 300; n++) {
            for (long seed : new long[] {0, 1, -7, 123456789L, Long.MIN_VALUE, Long.MAX_VALUE}) {
                int stride = Placer.strideFor(n, seed);
                Set<Integer> seen = new HashSet<>();
                for (int k = 0, i = (int) Math.floorMod(seed, (long) n); k < n; k++, i = (i + stride) % n) {
                    seen.add(i);
                }
                assertThat(seen).as("n=%d seed=%d stride=%d", n, seed, stride).hasSize(n);
            }
        }
    }

    @Test
    void aLimitedPlanKeepsEveryFilterAndSpreadsItsChoices() {
        List<NodeView> nodes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            var b = node(String.format("n%03d", i)).zone("z" + (i % 3));
            if (i % 5 == 0) {
                b.draining();
            }
            nodes.add(b.build());
        }
        List<PlacementRequest> reqs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            reqs.add(Fixtures.req("agent-" + i, 100, 64).withReplicas(3));
        }
        Pipeline limited = Pipeline.from(SchedulerSettings.defaults().withCandidateLimit(20));
        Plan plan = limited.plan(view(nodes), reqs);
        assertThat(plan.placed()).hasSize(200);
        Set<String> used = new HashSet<>();
        for (Placed p : plan.placed()) {
            assertThat(p.nodeIds()).hasSize(3).doesNotHaveDuplicates();
            for (String id : p.nodeIds()) {
                assertThat(Integer.parseInt(id.substring(1)) % 5).as("a draining node: " + id).isNotZero();
            }
            assertThat(p.nodeIds().stream().map(id -> "z" + (Integer.parseInt(id.substring(1)) % 3)).distinct())
                    .as("three zones for three copies").hasSize(3);
            used.addAll(p.nodeIds());
        }
        assertThat(used.size()).as("choices spread over the cluster, not the first nodes in the list").isGreaterThan(200);
    }

    @Test
    void aLimitAboveTheNodeCountOrZeroScoresEveryNode() {
        List<NodeView> nodes = List.of(node("a", "z1"), node("b", "z2"), node("c", "z3"));
        PlacementRequest r = Fixtures.req("x", 100, 64);
        String exact = ((Placed) Pipeline.from(SchedulerSettings.defaults()).plan(view(nodes), List.of(r)).placed().get(0)).nodeIds().get(0);
        assertThat(Pipeline.from(SchedulerSettings.defaults().withCandidateLimit(50)).plan(view(nodes), List.of(r)).placed().get(0).nodeIds())
                .containsExactly(exact);
    }

    @Test
    void aNegativeLimitIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new SchedulerSettings("spread", Map.of(), Set.of(), -1))
                .hasMessageContaining("cell0.scheduler.candidate-limit");
    }
}
