package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Exact ties go to a node chosen by a hash of agent and node: reproducible per request, spread across requests. */
class TieBreakTest {
    final Pipeline pipeline = Pipeline.from(SchedulerSettings.defaults());

    static List<NodeView> identicalNodes(int n) {
        List<NodeView> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(node("node-" + i, "z1"));
        }
        return nodes;
    }

    @Test
    void theSameRequestAlwaysGetsTheSameNode() {
        List<NodeView> nodes = identicalNodes(8);
        PlacementRequest r = Fixtures.req("agent-42", 500, 512);
        Placement first = pipeline.place(Fixtures.view(nodes), r);

        for (int i = 0; i < 5; i++) {
            List<NodeView> shuffled = new ArrayList<>(nodes);
            Collections.rotate(shuffled, i);
            Collections.reverse(shuffled);
            assertThat(pipeline.place(Fixtures.view(shuffled), r)).isEqualTo(first);
        }
    }

    @Test
    void differentAgentsSpreadOverTiedNodes() {
        Map<String, Integer> wins = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            Placed p = (Placed) pipeline.place(Fixtures.view(identicalNodes(5)), Fixtures.req("agent-" + i, 500, 512));
            wins.merge(p.primary(), 1, Integer::sum);
        }
        assertThat(wins).as("every tied node wins for some agent").hasSize(5);
        assertThat(wins.values()).as("no node takes most of them").allMatch(w -> w < 100);
    }

    @Test
    void keysDependOnBothIds() {
        long s1 = TieBreak.seed("agent-1");
        long s2 = TieBreak.seed("agent-2");
        assertThat(TieBreak.key(s1, "n1")).isEqualTo(TieBreak.key(TieBreak.seed("agent-1"), "n1"));
        assertThat(TieBreak.key(s1, "n1")).isNotEqualTo(TieBreak.key(s2, "n1"));
        assertThat(TieBreak.key(s1, "n1")).isNotEqualTo(TieBreak.key(s1, "n2"));
    }

    @Test
    void aTieIsOnlyATieWhenTotalsAreExactlyEqual() {
        NodeView a = node("a", "z1");
        NodeView b = node("b", "z1");
        long seed = TieBreak.seed("x");
        assertThat(Ranking.before(a, 10.0, b, 10.000001, seed)).isFalse();
        assertThat(Ranking.before(b, 10.000001, a, 10.0, seed)).isTrue();
        assertThat(Ranking.before(a, 10.0, b, 10.0, seed)).isNotEqualTo(Ranking.before(b, 10.0, a, 10.0, seed));
    }
}
