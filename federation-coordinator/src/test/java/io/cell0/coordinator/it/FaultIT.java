package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.coordinator.fault.LeaderPerTermChecker;
import io.cell0.coordinator.fault.LinearizabilityChecker;
import io.cell0.coordinator.fault.Nemesis;
import io.cell0.coordinator.fault.Op;
import io.cell0.coordinator.fault.RegisterWorkload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Jepsen-style run against three real coordinator processes: ten clients doing reads, writes and
 * compare-and-sets on five keys through every node, while a seeded nemesis kills (one node, the
 * leader, all) and pauses (SIGSTOP) processes, with constant snapshots. Afterwards: heal, let the
 * replicas converge, read every key on every node, and check the whole history.
 *
 * <p>Replay a failure with {@code -Dcell0.fault.seed=<seed printed in the output>}; make the run
 * longer with {@code -Dcell0.fault.seconds=300}. Network partitions are not in this run yet.
 */
class FaultIT {
    static final List<String> KEYS = List.of("r0", "r1", "r2", "r3", "r4");
    LocalCluster cluster;

    @RegisterExtension
    final DumpLogsOnFailure logs = new DumpLogsOnFailure(() -> cluster);

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void historyUnderCrashesAndPausesIsLinearizableAndReplicasConverge() throws Exception {
        long seed = Long.getLong("cell0.fault.seed", ThreadLocalRandom.current().nextLong());
        long seconds = Long.getLong("cell0.fault.seconds", 25);
        System.out.println("FaultIT seed " + seed + " (replay with -Dcell0.fault.seed=" + seed + ")");
        cluster = LocalCluster.start(LocalCluster.Options.voters(3).withSnapshots(50, 64));
        List<String> urls = cluster.nodes.stream().map(CoordinatorProcess::restUrl).toList();
        RegisterWorkload workload = new RegisterWorkload(KEYS, () -> urls, Duration.ofSeconds(3));

        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            int id = c;
            Thread t = new Thread(() -> workload.client(id, seed + id, deadline), "client-" + c);
            t.start();
            clients.add(t);
        }
        Nemesis nemesis = new Nemesis(seed, new ProcessTarget(cluster), what -> System.out.println("nemesis: " + what));
        nemesis.run(deadline);
        for (Thread t : clients) {
            t.join(30_000);
        }

        // Heal: every process running and resumed; then a quiet period in which replicas must converge.
        for (CoordinatorProcess p : cluster.nodes) {
            p.signal("CONT");
            p.start();
        }
        // Restarting JVMs on a loaded 2-core machine is the slow part; once a leader is known, the
        // replicas must agree within the 15 s the issue allows.
        cluster.awaitLeaderEverywhere(Duration.ofSeconds(120));
        cluster.awaitConverged(Duration.ofSeconds(15));
        for (CoordinatorProcess p : cluster.nodes) {
            for (String key : KEYS) {
                assertThat(workload.read(99, p.restUrl(), key, false).outcome()).isEqualTo(Op.Outcome.OK);
            }
        }

        List<Op> history = workload.history();
        long okWrites = history.stream().filter(o -> o.type() != Op.Type.READ && o.outcome() == Op.Outcome.OK).count();
        long unknown = history.stream().filter(o -> o.outcome() == Op.Outcome.UNKNOWN).count();
        System.out.printf("FaultIT: %d operations, %d acknowledged writes/cas, %d with unknown outcome; faults: %s%n",
                history.size(), okWrites, unknown, nemesis.performed());
        assertThat(okWrites).as("the workload made progress").isGreaterThan(20);
        var verdict = new LinearizabilityChecker().check(history);
        assertThat(verdict.ok()).as("seed %d: %s", seed, verdict.explanation()).isTrue();
        Map<Long, ?> twoLeaders = LeaderPerTermChecker.violations(cluster.nodes.stream().map(p -> p.logFile).toList());
        assertThat(twoLeaders).as("terms with two leaders (seed %d)", seed).isEmpty();
    }

    /** The nemesis's view of a {@link LocalCluster}. */
    record ProcessTarget(LocalCluster cluster) implements Nemesis.Target {
        @Override
        public int size() {
            return cluster.nodes.size();
        }

        @Override
        public String leaderOrRandom(Random random) {
            for (CoordinatorProcess p : cluster.alive()) {
                try {
                    String leader = ClusterClient.text(cluster.client.status(p).path("leader"));
                    if (leader != null) {
                        return leader;
                    }
                } catch (Exception e) {
                    // paused or starting; ask another
                }
            }
            return cluster.nodes.get(random.nextInt(size())).id;
        }

        @Override
        public int indexOf(String nodeId) {
            for (int i = 0; i < size(); i++) {
                if (cluster.nodes.get(i).id.equals(nodeId)) {
                    return i;
                }
            }
            return 0;
        }

        @Override
        public void kill(int node) throws Exception {
            cluster.nodes.get(node).signal("CONT");
            cluster.nodes.get(node).kill();
        }

        @Override
        public void start(int node) throws Exception {
            cluster.nodes.get(node).start();
        }

        @Override
        public void pause(int node) throws Exception {
            cluster.nodes.get(node).signal("STOP");
        }

        @Override
        public void resume(int node) throws Exception {
            cluster.nodes.get(node).signal("CONT");
        }
    }
}
