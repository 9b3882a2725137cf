package io.cell0.coordinator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentExclusivityCheckerTest {
    static List<AgentExclusivityChecker.Write> writes(String agent, String node, long from, long to, long step) {
        List<AgentExclusivityChecker.Write> out = new ArrayList<>();
        for (long t = from; t <= to; t += step) {
            out.add(new AgentExclusivityChecker.Write(agent, node, t));
        }
        return out;
    }

    @Test
    void anAgentThatMovedAfterAGapIsFine() {
        List<AgentExclusivityChecker.Write> w = new ArrayList<>(writes("a", "n1", 0, 10_000, 200));
        w.addAll(writes("a", "n2", 13_500, 20_000, 200));
        w.addAll(writes("a", "n1", 25_000, 30_000, 200)); // and back
        assertThat(AgentExclusivityChecker.check(w, 1_000)).isEmpty();
        assertThat(AgentExclusivityChecker.runs(w, 1_000).get("a")).extracting(AgentExclusivityChecker.Run::nodeId)
                .containsExactly("n1", "n2", "n1");
    }

    @Test
    void twoNodesWritingInTheSameSecondIsAViolation() {
        List<AgentExclusivityChecker.Write> w = new ArrayList<>(writes("a", "n1", 0, 10_000, 200));
        w.addAll(writes("a", "n2", 9_500, 20_000, 200));
        w.addAll(writes("b", "n3", 0, 20_000, 200));
        assertThat(AgentExclusivityChecker.check(w, 1_000)).singleElement().asString()
                .contains("agent a ran on n1").contains("on n2").contains("for 500 ms");
    }

    @Test
    void linesWithoutTheEpochFieldOrTornByAKillAreSkipped() {
        assertThat(AgentExclusivityChecker.parse(List.of("1 2026-11-25T00:00:00Z a n1", "2 2026-11-25T00:00:01Z a n1 1764028801000",
                "3 2026-11-25T00:00:02Z a n1 17640"))).containsExactly(new AgentExclusivityChecker.Write("a", "n1", 1764028801000L),
                new AgentExclusivityChecker.Write("a", "n1", 17640));
        assertThat(AgentExclusivityChecker.parse(List.of("4 2026-11-25T00:00:03Z a n1 x"))).isEmpty();
    }
}
