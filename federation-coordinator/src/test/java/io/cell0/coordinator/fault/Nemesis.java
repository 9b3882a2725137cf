package io.cell0.coordinator.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Faults on a seeded random schedule, so a failing run can be replayed with the same seed. Each
 * fault is a small step against the cluster; the schedule is a list of them with pauses between.
 * Partitions (network namespaces and nft rules) join this list in the fault-injection issue.
 */
public final class Nemesis {

    /** What the nemesis can do to a cluster of processes. */
    public interface Target {
        int size();

        String leaderOrRandom(Random random);

        void kill(int node) throws Exception;

        void start(int node) throws Exception;

        void pause(int node) throws Exception;

        void resume(int node) throws Exception;

        int indexOf(String nodeId);
    }

    public record Step(String description, long durationMs) {
    }

    private final Random random;
    private final Target target;
    private final Consumer<String> log;
    private final List<String> performed = new ArrayList<>();

    public Nemesis(long seed, Target target, Consumer<String> log) {
        this.random = new Random(seed);
        this.target = target;
        this.log = log;
    }

    public List<String> performed() {
        return List.copyOf(performed);
    }

    /** Runs faults until {@code deadlineNs}; every fault is healed before the next starts. */
    public void run(long deadlineNs) throws Exception {
        while (System.nanoTime() < deadlineNs) {
            quiet(500 + random.nextInt(1500));
            int kind = random.nextInt(5);
            switch (kind) {
                case 0 -> killAndRestart(random.nextInt(target.size()), "a random node");
                case 1 -> killAndRestart(target.indexOf(target.leaderOrRandom(random)), "the leader");
                case 2 -> pause(random.nextInt(target.size()), 2000 + random.nextInt(4000));
                case 3 -> pause(target.indexOf(target.leaderOrRandom(random)), 2000 + random.nextInt(3000));
                default -> killAll();
            }
        }
    }

    private void killAndRestart(int node, String which) throws Exception {
        record(String.format("kill -9 node %d (%s), restart after a pause", node + 1, which));
        target.kill(node);
        quiet(1000 + random.nextInt(2000));
        target.start(node);
    }

    private void pause(int node, long ms) throws Exception {
        record(String.format("SIGSTOP node %d for %d ms", node + 1, ms));
        target.pause(node);
        quiet(ms);
        target.resume(node);
    }

    private void killAll() throws Exception {
        record("kill -9 every node, then restart all");
        for (int i = 0; i < target.size(); i++) {
            target.kill(i);
        }
        quiet(500 + random.nextInt(1000));
        for (int i = 0; i < target.size(); i++) {
            target.start(i);
        }
    }

    private void record(String what) {
        performed.add(what);
        log.accept(what);
    }

    private static void quiet(long ms) throws InterruptedException {
        // The nemesis's own schedule: waiting here *is* the fault's duration, not a stand-in for a condition.
        Thread.sleep(ms);
    }
}
