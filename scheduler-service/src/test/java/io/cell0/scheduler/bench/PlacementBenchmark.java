package io.cell0.scheduler.bench;

import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import io.cell0.model.Resources;
import io.cell0.scheduler.pipeline.ClusterView;
import io.cell0.scheduler.pipeline.NodeView;
import io.cell0.scheduler.pipeline.Pipeline;
import io.cell0.scheduler.pipeline.Placement;
import io.cell0.scheduler.pipeline.PlacementRequest;
import io.cell0.scheduler.pipeline.SchedulerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Latency of one {@link Pipeline#place} on clusters of 100 to 10,000 nodes, sampled so the report has
 * percentiles. The cluster is mixed the way a real one would be (three zones, partly allocated nodes
 * of several sizes, a few draining or down, data sets on some) so filters and all scorers do real
 * work; requests cycle through 1,024 different agents so tie-breaks and zone preferences vary.
 * Run with bench/scheduler.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlacementBenchmark {
    private static final String[] ZONES = {"zone-a", "zone-b", "zone-c"};
    private static final String[] DATA = {"logs", "models", "events", "images"};

    @Param({"100", "1000", "10000"})
    public int nodes;

    @Param({"1", "3"})
    public int replicas;

    private ClusterView view;
    private Pipeline pipeline;
    private PlacementRequest[] requests;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        List<NodeView> list = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            long cores = 4L << rnd.nextInt(3); // 4, 8 or 16
            Resources total = new Resources(cores * 1000, cores * 4096, rnd.nextInt(8) == 0 ? 2 : 0, 500_000);
            double used = rnd.nextDouble() * 0.9;
            Resources allocated = new Resources((long) (total.cpuMillis() * used), (long) (total.memoryMb() * used), 0,
                    (long) (total.storageMb() * used));
            NodeStatus status = rnd.nextInt(100) == 0 ? NodeStatus.DOWN : NodeStatus.HEALTHY;
            Set<String> data = rnd.nextInt(10) == 0 ? Set.of(DATA[rnd.nextInt(DATA.length)]) : Set.of();
            list.add(new NodeView(String.format("node-%05d", i), ZONES[i % ZONES.length], status,
                    i % 10 == 0 ? NodeRole.VOTER : NodeRole.EDGE, total, allocated, rnd.nextInt(20), data, false,
                    rnd.nextInt(50) == 0));
        }
        view = ClusterView.of(1, list);
        pipeline = Pipeline.from(SchedulerSettings.defaults());
        requests = new PlacementRequest[1024];
        for (int i = 0; i < requests.length; i++) {
            Resources need = new Resources(250L * (1 + rnd.nextInt(8)), 256L * (1 + rnd.nextInt(16)), 0, 1024);
            String preferred = rnd.nextBoolean() ? ZONES[rnd.nextInt(ZONES.length)] : "";
            Set<String> data = rnd.nextInt(4) == 0 ? Set.of(DATA[rnd.nextInt(DATA.length)]) : Set.of();
            requests[i] = new PlacementRequest("agent-" + i, need, replicas, preferred, Set.of(), data, 0, i);
        }
    }

    @Benchmark
    public Placement place() {
        PlacementRequest r = requests[next];
        next = (next + 1) & (requests.length - 1);
        return pipeline.place(view, r);
    }
}
