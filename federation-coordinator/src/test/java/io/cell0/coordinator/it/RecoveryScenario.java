package io.cell0.coordinator.it;

import static org.awaitility.Awaitility.await;

import io.cell0.coordinator.fault.Op;
import io.cell0.coordinator.fault.RegisterWorkload;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fixed schedule instead of a random one: while clients write, one node is cut off from every
 * other node for {@link #CUT} (first a follower, then the leader), the links are restored, and the
 * run measures how long the node takes to catch up with the leader's log and to serve a
 * linearizable read again.
 *
 * <p>Why a long cut: TCP retransmits unacknowledged data with exponential back-off, so a connection
 * that carried traffic during a 30 s partition may stay silent for many seconds after it heals,
 * unless the node notices and opens a new one. A node that is cut off also keeps sending vote
 * requests, so both directions of every link carry stalled data. A recovered node must serve
 * within {@link #BOUND} of the heal.
 */
final class RecoveryScenario {
    static final Duration CUT = Duration.ofSeconds(30);
    static final Duration BOUND = Duration.ofSeconds(10);

    private final LocalCluster cluster;
    private final NftLinks links;
    private final ClusterTarget target;
    private final PrintWriter schedule;
    private final long origin;

    RecoveryScenario(LocalCluster cluster, NftLinks links, PrintWriter schedule, long origin) {
        this.cluster = cluster;
        this.links = links;
        this.target = new ClusterTarget(cluster, links);
        this.schedule = schedule;
        this.origin = origin;
    }

    /** Runs both rounds; adds the figures to {@code report} and returns the violations. */
    List<String> run(RegisterWorkload workload, ObjectNode report) throws Exception {
        List<String> violations = new ArrayList<>();
        ArrayNode rounds = report.putArray("recovery_rounds");
        for (String who : List.of("follower", "leader")) {
            cluster.awaitLeaderEverywhere(Duration.ofSeconds(60));
            int leader = target.leader();
            int victim = who.equals("leader") ? leader : (leader + 1) % cluster.nodes.size();
            CoordinatorProcess node = cluster.nodes.get(victim);
            List<int[]> pairs = new ArrayList<>();
            for (int other = 0; other < cluster.nodes.size(); other++) {
                if (other != victim) {
                    pairs.add(new int[] {victim, other});
                }
            }
            log("cut %s %s off from every other node for %d s", who, node.id, CUT.toSeconds());
            links.cut(pairs);
            Thread.sleep(CUT.toMillis()); // the fault's duration, not a wait for a condition
            links.heal();
            long healed = System.nanoTime();
            log("healed");

            // Caught up: the node has applied at least what the cluster had committed at the heal.
            long committed = committedIndexOfLeader(victim);
            long caughtUpMs = awaitMs(() -> cluster.client.status(node).path("state_index").asLong() >= committed, healed);
            // Serving: a linearizable read through the node succeeds (it needs the node's links to the leader).
            long readMs = awaitMs(() -> workload.read(900 + victim, node.restUrl(), "recovery-probe", false).outcome() == Op.Outcome.OK,
                    healed);
            log("%s %s: caught up after %d ms, first linearizable read after %d ms", who, node.id, caughtUpMs, readMs);

            ObjectNode round = rounds.addObject();
            round.put("cut", who);
            round.put("node", node.id);
            round.put("cut_ms", CUT.toMillis());
            round.put("caught_up_ms", caughtUpMs);
            round.put("first_read_ms", readMs);
            if (caughtUpMs < 0 || caughtUpMs > BOUND.toMillis()) {
                violations.add(String.format(Locale.ROOT, "recovery: %s %s had not caught up %d s after the heal (%s)", who, node.id,
                        BOUND.toSeconds(), caughtUpMs < 0 ? "never, within 60 s" : caughtUpMs + " ms"));
            }
            if (readMs < 0 || readMs > BOUND.toMillis()) {
                violations.add(String.format(Locale.ROOT, "recovery: %s %s served no linearizable read within %d s of the heal (%s)", who,
                        node.id, BOUND.toSeconds(), readMs < 0 ? "none within 60 s" : "first after " + readMs + " ms"));
            }
        }
        return violations;
    }

    /** The commit index reported by the node that leads now, asked through any node but the victim. */
    private long committedIndexOfLeader(int victim) {
        long[] index = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            int leader = target.leader();
            if (leader < 0) {
                return false;
            }
            index[0] = cluster.client.status(cluster.nodes.get(leader)).path("state_index").asLong();
            return true;
        });
        return index[0];
    }

    /** Milliseconds from {@code since} until the condition holds, or -1 if it does not within 60 s. */
    private static long awaitMs(java.util.concurrent.Callable<Boolean> condition, long since) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(condition);
            return (System.nanoTime() - since) / 1_000_000;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return -1;
        }
    }

    private void log(String format, Object... args) {
        String line = String.format(Locale.ROOT, "%9.3f s  ", (System.nanoTime() - origin) / 1e9) + String.format(Locale.ROOT, format, args);
        schedule.println(line);
        System.out.println("recovery: " + line);
    }
}
