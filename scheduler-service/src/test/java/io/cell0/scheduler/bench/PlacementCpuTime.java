package io.cell0.scheduler.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.HdrHistogram.Histogram;

/**
 * Companion to {@link PlacementBenchmark} for shared, overloaded machines: the same placements, but
 * each timed in CPU time of the calling thread instead of wall time. Wall-clock percentiles on a busy
 * 2-core box mostly measure how long the thread waited for a core; CPU time shows what a placement
 * itself costs. It leaves out time spent descheduled and in GC pauses, so read it next to the JMH
 * figures, not instead of them. Each sample includes one {@code getCurrentThreadCpuTime} call
 * (about a microsecond).
 *
 * <p>{@code java -cp ... io.cell0.scheduler.bench.PlacementCpuTime SECONDS NODES REPLICAS}: one case per
 * JVM, like a JMH fork, so one case's JIT profile does not slow the next.
 */
public final class PlacementCpuTime {
    private PlacementCpuTime() {
    }

    /** Arguments: seconds of CPU time to warm up and then to measure, node count, replica count. */
    public static void main(String[] args) {
        long seconds = Long.parseLong(args[0]);
        PlacementBenchmark b = new PlacementBenchmark();
        b.nodes = Integer.parseInt(args[1]);
        b.replicas = Integer.parseInt(args[2]);
        b.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        run(b, mx, seconds, null);
        Histogram h = new Histogram(3_600_000_000L, 3);
        run(b, mx, seconds, h);
        System.out.printf("%-7d %-8d %9d %9.1f %9.1f %9.1f %9.1f %9.1f%n", b.nodes, b.replicas, h.getTotalCount(),
                us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)),
                us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()));
    }

    /** Places for {@code seconds} of this thread's CPU time, recording each placement's CPU time if {@code h} is given. */
    private static void run(PlacementBenchmark b, ThreadMXBean mx, long seconds, Histogram h) {
        long budget = seconds * 1_000_000_000L;
        long start = mx.getCurrentThreadCpuTime();
        long before = start;
        int sink = 0;
        while (before - start < budget) {
            sink += b.place().agentId().length();
            long after = mx.getCurrentThreadCpuTime();
            if (h != null) {
                h.recordValue(Math.max(1, after - before));
            }
            before = after;
        }
        if (sink == 42) {
            System.out.print(""); // keeps the results alive
        }
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }
}
