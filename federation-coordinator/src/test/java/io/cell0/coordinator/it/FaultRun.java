package io.cell0.coordinator.it;

import io.cell0.coordinator.fault.FaultReport;
import io.cell0.coordinator.fault.LeaderPerTermChecker;
import io.cell0.coordinator.fault.LinearizabilityChecker;
import io.cell0.coordinator.fault.Nemesis;
import io.cell0.coordinator.fault.Op;
import io.cell0.coordinator.fault.RegisterWorkload;
import io.cell0.coordinator.fault.WriteSafetyChecker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Jepsen-style run, in one process: a cluster of real coordinator processes, clients doing
 * register operations through every node, a seeded nemesis, then heal, a quiet period, final reads
 * on every node and every checker. Writes {@code history.tsv}, {@code schedule.txt},
 * {@code report.json}, {@code report.txt} and the nodes' logs into the output folder.
 *
 * <p>{@link FaultLauncher} starts it inside a private network namespace (so the nemesis may cut
 * links) or, where that is impossible, without partitions. Exit code 0 = no violation, 1 =
 * violations found, 2 = the harness itself failed.
 *
 * <pre>FaultRun --nodes 5 --seconds 120 --seed 42 --out DIR [--partitions on|off] [--negative-control] [--scenario random|recovery] [--agents N]</pre>
 */
public final class FaultRun {
    static final List<String> KEYS = List.of("r0", "r1", "r2", "r3", "r4");
    static final int FIRST_UID = 41_000;
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Options(int nodes, int seconds, long seed, Path out, boolean partitions, String partitionNote,
                   boolean negativeControl, int clients, String scenario, int agents) {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(parse(args));
        } catch (Throwable t) {
            t.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    static Options parse(String[] args) {
        int nodes = 3;
        int seconds = 60;
        long seed = ThreadLocalRandom.current().nextLong();
        Path out = Path.of("fault-run");
        boolean partitions = false;
        String note = "";
        boolean negative = false;
        int clients = 10;
        String scenario = "random";
        int agents = 0;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(v);
                case "--seconds" -> seconds = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--out" -> out = Path.of(v);
                case "--partitions" -> partitions = v.equals("on");
                case "--partition-note" -> note = v;
                case "--clients" -> clients = Integer.parseInt(v);
                case "--agents" -> agents = Integer.parseInt(v);
                case "--scenario" -> scenario = switch (v) {
                    case "random", "recovery" -> v;
                    default -> throw new IllegalArgumentException("--scenario is random or recovery, not " + v);
                };
                case "--negative-control" -> {
                    negative = true;
                    i--;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (scenario.equals("recovery") && !partitions) {
            throw new IllegalArgumentException("--scenario recovery cuts links: it needs --partitions on");
        }
        return new Options(nodes, seconds, seed, out, partitions, note, negative, clients, scenario, agents);
    }

    static int run(Options o) throws Exception {
        Files.createDirectories(o.out());
        System.out.printf("fault run: %d nodes, %d s, seed %d (replay with --seed %d), partitions %s%s%n", o.nodes(), o.seconds(),
                o.seed(), o.seed(), o.partitions() ? "on" : "off: " + o.partitionNote(), o.negativeControl() ? ", NEGATIVE CONTROL" : "");
        LocalCluster.Options options = LocalCluster.Options.voters(o.nodes()).withSnapshots(50, 64);
        if (o.partitions()) {
            options = options.withUids(FIRST_UID);
        }
        LocalCluster cluster = LocalCluster.start(options);
        NftLinks links = null;
        try (PrintWriter schedule = new PrintWriter(Files.newBufferedWriter(o.out().resolve("schedule.txt")), true)) {
            if (o.partitions()) {
                links = new NftLinks(cluster.nodes);
                links.install();
            }
            if (o.agents() == 0) {
                return exercise(o, cluster, links, schedule, null);
            }
            try (AgentWorkload agents = new AgentWorkload(cluster, o.out().resolve("scheduler"))) {
                agents.deploy(o.agents());
                return exercise(o, cluster, links, schedule, agents);
            }
        } finally {
            if (links != null) {
                try {
                    links.remove();
                } catch (IOException e) {
                    System.err.println("could not remove nft table (the namespace goes with the run): " + e.getMessage());
                }
            }
            Path logs = o.out().resolve("logs");
            Files.createDirectories(logs);
            for (CoordinatorProcess p : cluster.nodes) {
                if (Files.exists(p.logFile)) {
                    Files.copy(p.logFile, logs.resolve(p.id + ".log"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            cluster.close();
        }
    }

    private static int exercise(Options o, LocalCluster cluster, NftLinks links, PrintWriter schedule, AgentWorkload agents)
            throws Exception {
        long origin = System.nanoTime();
        List<String> urls = cluster.nodes.stream().map(CoordinatorProcess::restUrl).toList();
        RegisterWorkload workload = new RegisterWorkload(KEYS, () -> urls, Duration.ofSeconds(3), o.negativeControl(),
                cluster.operatorHttp(Duration.ofMillis(500)))
                .rotatingKeysEvery(Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(o.seconds()).toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < o.clients(); c++) {
            int id = c;
            Thread t = new Thread(() -> workload.client(id, o.seed() + id, deadline), "client-" + c);
            t.start();
            clients.add(t);
        }
        List<Nemesis.Kind> kinds = o.negativeControl() ? List.of(Nemesis.Kind.ISOLATE_LEADER, Nemesis.Kind.ISOLATE_NODE) : null;
        Nemesis nemesis = new Nemesis(o.seed(), new ClusterTarget(cluster, links), what -> {
            String line = String.format(Locale.ROOT, "%9.3f s  %s", (System.nanoTime() - origin) / 1e9, what);
            schedule.println(line);
            System.out.println("nemesis: " + line);
        }, kinds);
        List<String> scenarioViolations = List.of();
        ObjectNode report = JSON.createObjectNode();
        if (o.scenario().equals("recovery")) {
            schedule.println("# recovery scenario: a follower, then the leader, cut off for " + RecoveryScenario.CUT.toSeconds() + " s");
            scenarioViolations = new RecoveryScenario(cluster, links, schedule, origin).run(workload, report);
        } else {
            schedule.println("# seed " + o.seed() + ", fault kinds " + nemesis.kinds());
            nemesis.run(deadline);
        }
        for (Thread t : clients) {
            t.join(60_000);
        }

        // Heal: no cut links, every process resumed and running; then the replicas must agree.
        if (links != null) {
            links.heal();
        }
        for (CoordinatorProcess p : cluster.nodes) {
            p.signal("CONT");
            p.start();
        }
        schedule.printf(Locale.ROOT, "%9.3f s  healed: links restored, every node running%n", (System.nanoTime() - origin) / 1e9);
        // A JVM restarted at the end of the run on a loaded two-core machine needs a while to serve;
        // the 15 s convergence budget starts once every node answers and agrees on a leader.
        cluster.awaitLeaderEverywhere(Duration.ofSeconds(180));
        long healed = System.nanoTime();
        boolean converged = true;
        try {
            cluster.awaitConverged(Duration.ofSeconds(15));
        } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
            converged = false;
            schedule.println("# not converged within 15 s of healing: " + e.getMessage());
        }
        double convergenceMs = (System.nanoTime() - healed) / 1e6;

        // Final linearizable reads of every key on every node. A read may meet a passing hiccup (an
        // election a restarted node provokes); each is retried until it succeeds, for at most 15 s
        // after the replicas converged. A node that still cannot serve then is a liveness failure.
        Map<String, Map<String, Long>> finals = new TreeMap<>();
        Set<String> keys = workload.keysUsed();
        long readsUntil = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (CoordinatorProcess p : cluster.nodes) {
            Map<String, Long> versions = new TreeMap<>();
            for (String key : keys) {
                RegisterWorkload.Read r = finalRead(workload, 1000 + cluster.nodes.indexOf(p), p, key, readsUntil);
                versions.put(key, r.outcome() == Op.Outcome.OK ? r.version() : -1);
            }
            finals.put(p.id, versions);
        }
        long finalReadsMs = (System.nanoTime() - healed) / 1_000_000 - Math.round(convergenceMs);

        List<Op> history = workload.history();
        var linearizable = new LinearizabilityChecker().check(history);
        var safety = WriteSafetyChecker.check(history, finals);
        List<Path> logs = cluster.nodes.stream().map(p -> p.logFile).toList();
        Map<Long, Set<String>> twoLeaders = LeaderPerTermChecker.violations(logs);
        int termsWithLeader = LeaderPerTermChecker.termsObserved(logs);
        List<Double> failovers = FaultReport.failoverMillis(nemesis.events(), history);

        List<String> violations = new ArrayList<>(scenarioViolations);
        if (agents != null) {
            // No agent lost, and none ever ran on two nodes at once (from the agents' own files).
            violations.addAll(agents.checkNoneLost(Duration.ofSeconds(60)));
            violations.addAll(agents.checkExclusive());
        }
        if (!linearizable.ok()) {
            violations.add("linearizability: key " + linearizable.key() + ": " + linearizable.explanation());
        }
        safety.forEach(v -> violations.add(v.kind() + ": key " + v.key() + ": " + v.detail()));
        twoLeaders.forEach((term, nodes) -> violations.add("two leaders in term " + term + ": " + nodes));
        if (!converged) {
            violations.add("convergence: replicas did not reach the same applied index and state hash within 15 s of healing");
        }
        finals.forEach((node, versions) -> versions.forEach((key, v) -> {
            if (v < 0) {
                violations.add("final read: " + node + " could not read " + key + " after healing");
            }
        }));

        long okWrites = history.stream().filter(Op::acknowledgedWrite).count();
        long unknown = history.stream().filter(op -> op.outcome() == Op.Outcome.UNKNOWN).count();
        report.put("scenario", o.scenario());
        report.put("seed", o.seed());
        report.put("nodes", o.nodes());
        report.put("seconds", o.seconds());
        report.put("clients", o.clients());
        report.put("partitions", o.partitions());
        report.put("partition_note", o.partitionNote());
        report.put("negative_control", o.negativeControl());
        report.put("operations", history.size());
        report.put("acknowledged_writes", okWrites);
        report.put("reads", history.stream().filter(op -> op.type() == Op.Type.READ).count());
        report.put("indeterminate", unknown);
        report.put("keys", keys.size());
        ObjectNode faults = report.putObject("faults");
        nemesis.counts().forEach((k, n) -> faults.put(k.name().toLowerCase(Locale.ROOT), n));
        report.put("linearizable", linearizable.ok());
        report.put("linearizability_undecided_keys", linearizable.undecided().size());
        var undecidedList = report.putArray("linearizability_undecided");
        linearizable.undecided().forEach(undecidedList::add);
        report.put("terms_with_a_leader", termsWithLeader);
        report.put("converged", converged);
        report.put("agents", agents == null ? 0 : agents.count());
        if (agents != null) {
            ObjectNode runs = report.putObject("agent_runs");
            agents.runs().forEach((id, list) -> {
                ArrayNode a = runs.putArray(id);
                list.forEach(r -> a.add(r.nodeId() + " " + r.fromMs() + ".." + r.toMs()));
            });
        }
        report.put("convergence_ms", Math.round(convergenceMs));
        report.put("final_reads_ms", finalReadsMs);
        ObjectNode failover = report.putObject("failover_ms");
        failover.put("count", failovers.size());
        failover.put("p50", Math.round(FaultReport.percentile(failovers, 50)));
        failover.put("p99", Math.round(FaultReport.percentile(failovers, 99)));
        failover.put("max", Math.round(FaultReport.percentile(failovers, 100)));
        ArrayNode v = report.putArray("violations");
        violations.forEach(v::add);
        Files.writeString(o.out().resolve("report.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));

        try (PrintWriter h = new PrintWriter(Files.newBufferedWriter(o.out().resolve("history.tsv")))) {
            h.println("client\tkey\ttype\tvalue\texpected\toutcome\tcas_ok\tinvoke_ms\tcomplete_ms\tversion");
            history.stream().sorted(java.util.Comparator.comparingLong(Op::invokeNs)).forEach(op -> h.println(FaultReport.line(op, origin)));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seed", o.seed());
        summary.put("operations", history.size());
        summary.put("acknowledged writes", okWrites);
        summary.put("indeterminate", unknown);
        summary.put("faults", nemesis.counts());
        summary.put("failover ms (p50/p99/max over " + failovers.size() + ")", String.format(Locale.ROOT, "%.0f / %.0f / %.0f",
                FaultReport.percentile(failovers, 50), FaultReport.percentile(failovers, 99), FaultReport.percentile(failovers, 100)));
        summary.put("convergence after heal ms", Math.round(convergenceMs));
        summary.put("keys the linearizability search could not decide", linearizable.undecided().size());
        summary.put("terms with a leader (from role-change logs)", termsWithLeader);
        summary.put("violations", violations.size());
        StringBuilder text = new StringBuilder();
        summary.forEach((k, val) -> text.append(String.format(Locale.ROOT, "%-45s %s%n", k, val)));
        // The first few in the summary; every one of them is in report.json.
        violations.stream().limit(20).forEach(line -> text.append("VIOLATION ").append(line).append('\n'));
        if (violations.size() > 20) {
            text.append("... and ").append(violations.size() - 20).append(" more in report.json\n");
        }
        if (!violations.isEmpty()) {
            // What each node thought at the end, so a failure in CI can be understood from its output.
            for (CoordinatorProcess p : cluster.nodes) {
                String status;
                try {
                    status = cluster.client.status(p).toString();
                } catch (Exception e) {
                    status = "no status: " + e;
                }
                text.append("STATUS ").append(p.id).append(' ').append(status).append('\n');
            }
        }
        Files.writeString(o.out().resolve("report.txt"), text.toString());
        System.out.print(text);
        return violations.isEmpty() ? 0 : 1;
    }

    /** One final read, retried until it succeeds or {@code untilNs} passes. */
    private static RegisterWorkload.Read finalRead(RegisterWorkload workload, int client, CoordinatorProcess p, String key, long untilNs) {
        RegisterWorkload.Read[] last = {workload.read(client, p.restUrl(), key, false)};
        long left = untilNs - System.nanoTime();
        if (last[0].outcome() == Op.Outcome.OK || left <= 0) {
            return last[0];
        }
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofNanos(left)).pollDelay(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(200))
                    .until(() -> (last[0] = workload.read(client, p.restUrl(), key, false)).outcome() == Op.Outcome.OK);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // stays a failed read: reported as a violation
        }
        return last[0];
    }

    private FaultRun() {
    }
}
