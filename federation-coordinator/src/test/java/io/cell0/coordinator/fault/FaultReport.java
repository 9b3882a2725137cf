package io.cell0.coordinator.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Figures a fault run reports, computed from the nemesis's events and the client history. */
public final class FaultReport {

    /**
     * Failover time of every fault that struck the leader: from the fault's start to the completion
     * of the first write acknowledged among those invoked after it. Faults after which no write was
     * acknowledged before the next fault are left out (they are counted by the caller as the gap).
     */
    public static List<Double> failoverMillis(List<Nemesis.Event> events, List<Op> history) {
        List<Double> out = new ArrayList<>();
        for (Nemesis.Event e : events) {
            if (!e.leaderHit() || e.kind() == Nemesis.Kind.KILL_ALL) {
                continue;
            }
            long first = Long.MAX_VALUE;
            for (Op op : history) {
                if (op.acknowledgedWrite() && op.invokeNs() >= e.startNs() && op.completeNs() < first) {
                    first = op.completeNs();
                }
            }
            if (first != Long.MAX_VALUE) {
                out.add((first - e.startNs()) / 1e6);
            }
        }
        return out;
    }

    /** The p-th percentile (nearest rank) of the values, or NaN for none. */
    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** One history line: tab-separated, times in ms from {@code originNs}. */
    public static String line(Op op, long originNs) {
        return String.format(Locale.ROOT, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%.3f\t%s\t%d", op.client(), op.key(), op.type(),
                op.value(), op.expected(), op.outcome(), op.casOk(), (op.invokeNs() - originNs) / 1e6,
                op.outcome() == Op.Outcome.UNKNOWN ? "-" : String.format(Locale.ROOT, "%.3f", (op.completeNs() - originNs) / 1e6),
                op.version());
    }

    private FaultReport() {
    }
}
