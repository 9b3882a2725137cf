package io.cell0.coordinator.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "An agent never runs on two nodes at once", checked from the agents' own output: every copy of
 * the demo agent appends a line with the epoch milliseconds to {@code counter.txt} in its node's
 * state directory every {@code CELL0_DEMO_INTERVAL}. Per agent and node, lines closer together than
 * {@code gapMs} form one run [first write, last write]; runs of one agent on two different nodes
 * must not overlap. A copy that ran for less than one interval without writing, or the part of a
 * run after its last write, can escape the check; with a 0.2 s interval that is a 0.2 s blind spot,
 * well under the lease margin it checks.
 */
public final class AgentExclusivityChecker {
    /** One line of an agent's output: which node wrote it, when. */
    public record Write(String agentId, String nodeId, long epochMs) {
    }

    /** A stretch of time in which one node kept writing for the agent. */
    public record Run(String nodeId, long fromMs, long toMs) {
    }

    /**
     * Parses counter.txt lines ({@code <count> <UTC time> <agent> <node> <epoch ms>}); lines from
     * before the epoch field existed, or cut short by a kill, are skipped.
     */
    public static List<Write> parse(List<String> lines) {
        List<Write> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split(" ");
            if (f.length < 5) {
                continue;
            }
            try {
                out.add(new Write(f[2], f[3], Long.parseLong(f[4])));
            } catch (NumberFormatException e) {
                // a line torn by a kill -9 mid-write
            }
        }
        return out;
    }

    /** Per agent, its runs on each node in time order. */
    public static Map<String, List<Run>> runs(List<Write> writes, long gapMs) {
        Map<String, Map<String, List<Long>>> byAgent = new TreeMap<>();
        for (Write w : writes) {
            byAgent.computeIfAbsent(w.agentId(), k -> new TreeMap<>()).computeIfAbsent(w.nodeId(), k -> new ArrayList<>()).add(w.epochMs());
        }
        Map<String, List<Run>> out = new TreeMap<>();
        byAgent.forEach((agent, byNode) -> {
            List<Run> runs = new ArrayList<>();
            byNode.forEach((node, times) -> {
                times.sort(null);
                long from = times.get(0);
                long to = from;
                for (long t : times.subList(1, times.size())) {
                    if (t - to > gapMs) {
                        runs.add(new Run(node, from, to));
                        from = t;
                    }
                    to = t;
                }
                runs.add(new Run(node, from, to));
            });
            runs.sort(Comparator.comparingLong(Run::fromMs));
            out.put(agent, runs);
        });
        return out;
    }

    /** The overlaps found, described; empty when no agent ran on two nodes at once. */
    public static List<String> check(List<Write> writes, long gapMs) {
        List<String> violations = new ArrayList<>();
        runs(writes, gapMs).forEach((agent, runs) -> {
            for (int i = 0; i < runs.size(); i++) {
                for (int j = i + 1; j < runs.size() && runs.get(j).fromMs() <= runs.get(i).toMs(); j++) {
                    Run a = runs.get(i);
                    Run b = runs.get(j);
                    if (!a.nodeId().equals(b.nodeId())) {
                        violations.add(String.format("agent %s ran on %s (%d..%d) and on %s (%d..%d) at the same time, for %d ms", agent,
                                a.nodeId(), a.fromMs(), a.toMs(), b.nodeId(), b.fromMs(), b.toMs(),
                                Math.min(a.toMs(), b.toMs()) - b.fromMs()));
                    }
                }
            }
        });
        return violations;
    }

    private AgentExclusivityChecker() {
    }
}
