package io.cell0.coordinator.fault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Faults on a seeded random schedule, so a failing run can be replayed with the same seed: process
 * crashes ({@code kill -9} of one node, a minority, the leader, or all, then restart), pauses
 * ({@code SIGSTOP} for 2–15 s, then {@code SIGCONT}) and, when the target can cut links, network
 * partitions (isolate a node, isolate the leader, majority/minority, majorities ring, and a bridge
 * for five nodes or more). Every fault is healed before the next one starts; each is recorded as
 * an {@link Event} with its start and end time, which the report uses to measure failover.
 */
public final class Nemesis {

    /** What the nemesis can do to a cluster of processes. */
    public interface Target {
        int size();

        /** The node every live node agrees is leader, or -1 when there is none right now. */
        int leader();

        void kill(int node) throws Exception;

        void start(int node) throws Exception;

        void pause(int node) throws Exception;

        void resume(int node) throws Exception;

        /** Whether {@link #cut} works here (root, ip and nft inside a private network namespace). */
        boolean canPartition();

        /** Drops all traffic, both ways, between the nodes of every pair; replaces the previous cut. */
        void cut(List<int[]> pairs) throws Exception;

        /** Removes every cut. */
        void heal() throws Exception;
    }

    public enum Kind {
        KILL_NODE, KILL_LEADER, KILL_MINORITY, KILL_ALL, PAUSE_NODE, PAUSE_LEADER,
        ISOLATE_NODE, ISOLATE_LEADER, SPLIT_MAJORITY_MINORITY, MAJORITIES_RING, BRIDGE;

        boolean isPartition() {
            return ordinal() >= ISOLATE_NODE.ordinal();
        }
    }

    /**
     * One fault. {@code leaderHit} is true when the fault took the node that was leader when it
     * began away from a majority (killed, paused, isolated, or on the minority side) — the faults
     * that force a failover. In a majorities ring or behind a bridge the leader still sees a
     * majority, so those do not count. Times are {@link System#nanoTime()}.
     */
    public record Event(Kind kind, String description, boolean leaderHit, long startNs, long endNs) {
    }

    private final Random random;
    private final Target target;
    private final Consumer<String> log;
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Kind> kinds;

    public Nemesis(long seed, Target target, Consumer<String> log) {
        this(seed, target, log, null);
    }

    /** @param only the fault kinds to draw from; null = every kind the target supports */
    public Nemesis(long seed, Target target, Consumer<String> log, List<Kind> only) {
        this.random = new Random(seed);
        this.target = target;
        this.log = log;
        List<Kind> k = new ArrayList<>();
        for (Kind kind : only == null ? List.of(Kind.values()) : only) {
            boolean partitionOk = !kind.isPartition() || target.canPartition();
            boolean sizeOk = kind != Kind.BRIDGE || target.size() >= 5;
            if (partitionOk && sizeOk) {
                k.add(kind);
            }
        }
        if (k.isEmpty()) {
            throw new IllegalArgumentException("no fault kind is possible here from " + only);
        }
        this.kinds = List.copyOf(k);
    }

    public List<Kind> kinds() {
        return kinds;
    }

    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** How many faults of each kind ran. */
    public Map<Kind, Integer> counts() {
        Map<Kind, Integer> out = new TreeMap<>();
        for (Event e : events()) {
            out.merge(e.kind(), 1, Integer::sum);
        }
        return out;
    }

    /** Runs faults until {@code deadlineNs}; every fault is healed before the next starts. */
    public void run(long deadlineNs) throws Exception {
        while (System.nanoTime() < deadlineNs) {
            hold(1000 + random.nextInt(2000));
            Kind kind = kinds.get(random.nextInt(kinds.size()));
            perform(kind);
        }
    }

    private void perform(Kind kind) throws Exception {
        int n = target.size();
        int leader = target.leader();
        int someNode = random.nextInt(n);
        int leaderOrAny = leader >= 0 ? leader : someNode;
        switch (kind) {
            case KILL_NODE -> kill(kind, List.of(someNode), someNode == leader);
            case KILL_LEADER -> kill(kind, List.of(leaderOrAny), leader >= 0);
            case KILL_MINORITY -> {
                List<Integer> nodes = shuffledNodes().subList(0, (n - 1) / 2);
                kill(kind, nodes, nodes.contains(leader));
            }
            case KILL_ALL -> kill(kind, shuffledNodes(), leader >= 0);
            case PAUSE_NODE -> pause(kind, someNode, someNode == leader);
            case PAUSE_LEADER -> pause(kind, leaderOrAny, leader >= 0);
            case ISOLATE_NODE -> partition(kind, Partitions.isolate(n, someNode), "node " + (someNode + 1) + " alone", someNode == leader);
            case ISOLATE_LEADER -> partition(kind, Partitions.isolate(n, leaderOrAny), "node " + (leaderOrAny + 1) + " alone", leader >= 0);
            case SPLIT_MAJORITY_MINORITY -> {
                List<Integer> order = shuffledNodes();
                List<Integer> minority = order.subList(0, (n - 1) / 2);
                partition(kind, Partitions.split(n, minority), "minority " + plusOne(minority), minority.contains(leader));
            }
            case MAJORITIES_RING -> {
                List<Integer> order = shuffledNodes();
                partition(kind, Partitions.majoritiesRing(order), "ring " + plusOne(order), false);
            }
            case BRIDGE -> {
                List<Integer> order = shuffledNodes();
                partition(kind, Partitions.bridge(order), "bridge node " + (order.get(n / 2) + 1) + " in " + plusOne(order), false);
            }
        }
    }

    private List<Integer> shuffledNodes() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < target.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order;
    }

    private void kill(Kind kind, List<Integer> nodes, boolean leaderHit) throws Exception {
        long start = System.nanoTime();
        String what = "kill -9 node(s) " + plusOne(nodes);
        announce(kind, what, leaderHit);
        for (int node : nodes) {
            target.kill(node);
        }
        hold(1000 + random.nextInt(2000));
        for (int node : nodes) {
            target.start(node);
        }
        done(kind, what + ", restarted", leaderHit, start);
    }

    private void pause(Kind kind, int node, boolean leaderHit) throws Exception {
        long ms = 2000 + random.nextInt(13_000);
        long start = System.nanoTime();
        String what = "SIGSTOP node " + (node + 1) + " for " + ms + " ms";
        announce(kind, what, leaderHit);
        target.pause(node);
        hold(ms);
        target.resume(node);
        done(kind, what, leaderHit, start);
    }

    private void partition(Kind kind, List<int[]> cut, String shape, boolean leaderHit) throws Exception {
        long ms = 3000 + random.nextInt(7000);
        long start = System.nanoTime();
        String what = shape + ", " + cut.size() + " links cut, for " + ms + " ms";
        announce(kind, what, leaderHit);
        target.cut(cut);
        hold(ms);
        target.heal();
        done(kind, what, leaderHit, start);
    }

    private void announce(Kind kind, String what, boolean leaderHit) {
        log.accept(String.format("%-24s %s%s", kind.name().toLowerCase(java.util.Locale.ROOT), what, leaderHit ? "  [hits the leader]" : ""));
    }

    private void done(Kind kind, String what, boolean leaderHit, long start) {
        events.add(new Event(kind, what, leaderHit, start, System.nanoTime()));
    }

    private static List<Integer> plusOne(List<Integer> nodes) {
        return nodes.stream().map(i -> i + 1).toList();
    }

    private static void hold(long ms) throws InterruptedException {
        // The nemesis's own schedule: waiting here *is* the fault's duration, not a stand-in for a condition.
        Thread.sleep(ms);
    }
}
