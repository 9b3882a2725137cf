package io.cell0.coordinator.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raft's election safety: at most one leader per term. Read from every node's log, where Ratis
 * records each role change ("node-2@group-…: changes role from CANDIDATE to LEADER at term 7").
 */
public final class LeaderPerTermChecker {
    private static final Pattern BECAME_LEADER = Pattern.compile("(\\S+)@group-\\S+: changes role from\\s+\\S+\\s+to LEADER at term (\\d+)");

    /** term → nodes that claimed leadership in it, from the given log lines. */
    public static Map<Long, Set<String>> leadersByTerm(List<String> lines) {
        Map<Long, Set<String>> out = new TreeMap<>();
        for (String line : lines) {
            Matcher m = BECAME_LEADER.matcher(line);
            if (m.find()) {
                out.computeIfAbsent(Long.parseLong(m.group(2)), t -> new TreeSet<>()).add(m.group(1));
            }
        }
        return out;
    }

    /** Streams the log line by line: soak logs are too big to hold in memory. */
    private static Map<Long, Set<String>> leadersIn(Path log) throws IOException {
        if (!Files.exists(log)) {
            return Map.of();
        }
        try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return leadersByTerm(lines.filter(l -> l.contains("to LEADER")).toList());
        }
    }

    /** How many distinct terms had a leader at all: zero means the logs held no role changes to check. */
    public static int termsObserved(List<Path> logs) throws IOException {
        java.util.Set<Long> terms = new TreeSet<>();
        for (Path log : logs) {
            terms.addAll(leadersIn(log).keySet());
        }
        return terms.size();
    }

    /** Terms with more than one leader; empty when election safety held. */
    public static Map<Long, Set<String>> violations(List<Path> logs) throws IOException {
        Map<Long, Set<String>> all = new TreeMap<>();
        for (Path log : logs) {
            leadersIn(log).forEach((term, nodes) -> all.computeIfAbsent(term, t -> new TreeSet<>()).addAll(nodes));
        }
        all.values().removeIf(nodes -> nodes.size() <= 1);
        return all;
    }
}
