package io.cell0.coordinator.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Durability and exactly-once, checked from the versions the cluster reported. Every applied
 * config update gets the next cluster-wide config version, so:
 * <ul>
 *   <li><b>applied twice</b>: two acknowledged writes reported the same version, or one written
 *       value was read back under two different versions (it was applied a second time);</li>
 *   <li><b>lost</b>: an acknowledged write of version v to key k, and a read of k that began after
 *       the write had been acknowledged saw a version below v — the write is gone — or the final
 *       read of k on some node is below v.</li>
 * </ul>
 * Values are unique per history, which is what makes "read back under another version" meaningful.
 */
public final class WriteSafetyChecker {

    public record Violation(String kind, String key, String detail) {
    }

    /**
     * @param finalVersions node → key → version of the key in that node's final read (0 = absent)
     */
    public static List<Violation> check(List<Op> history, Map<String, Map<String, Long>> finalVersions) {
        List<Violation> out = new ArrayList<>();
        Map<Long, Op> byVersion = new TreeMap<>();
        Map<String, Long> versionOfValue = new TreeMap<>();
        for (Op op : history) {
            if (op.acknowledgedWrite()) {
                Op other = byVersion.putIfAbsent(op.version(), op);
                if (other != null) {
                    out.add(new Violation("applied-twice", op.key(), "writes " + other.value() + " and " + op.value()
                            + " were both acknowledged at version " + op.version()));
                }
            }
        }
        for (Op op : history) {
            boolean carriesVersion = op.acknowledgedWrite() || op.type() == Op.Type.READ && op.value() != null;
            if (!carriesVersion) {
                continue;
            }
            Long seen = versionOfValue.putIfAbsent(op.key() + "=" + op.value(), op.version());
            if (seen != null && seen != op.version()) {
                out.add(new Violation("applied-twice", op.key(), "value " + op.value() + " appears at versions " + seen
                        + " and " + op.version()));
            }
        }
        // Lost writes. Per key, reads sorted by invocation with the lowest version from each read on:
        // a write is lost if some read invoked after its acknowledgement saw an older version.
        Map<String, List<Op>> readsByKey = new TreeMap<>();
        for (Op op : history) {
            if (op.type() == Op.Type.READ && op.outcome() == Op.Outcome.OK) {
                readsByKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        Map<String, Op[]> lowestFrom = new TreeMap<>();
        readsByKey.forEach((key, reads) -> {
            reads.sort(java.util.Comparator.comparingLong(Op::invokeNs));
            Op[] lowest = new Op[reads.size()];
            for (int i = reads.size() - 1; i >= 0; i--) {
                Op r = reads.get(i);
                lowest[i] = i + 1 < reads.size() && lowest[i + 1].version() <= r.version() ? lowest[i + 1] : r;
            }
            lowestFrom.put(key, lowest);
        });
        for (Op w : history) {
            if (!w.acknowledgedWrite()) {
                continue;
            }
            List<Op> reads = readsByKey.getOrDefault(w.key(), List.of());
            int first = firstInvokedAfter(reads, w.completeNs());
            if (first < reads.size()) {
                Op r = lowestFrom.get(w.key())[first];
                if (r.version() < w.version()) {
                    out.add(new Violation("lost", w.key(), "write " + w.value() + " acknowledged at version " + w.version()
                            + ", later read saw version " + r.version() + " (" + r.value() + ")"));
                }
            }
            finalVersions.forEach((node, versions) -> {
                long v = versions.getOrDefault(w.key(), 0L);
                // -1: the final read failed. That is reported on its own ("could not read"), not as a loss.
                if (v >= 0 && v < w.version()) {
                    out.add(new Violation("lost", w.key(), "write " + w.value() + " acknowledged at version " + w.version()
                            + ", final read on " + node + " is at version " + v));
                }
            });
        }
        return out;
    }

    /** Index of the first read (sorted by invocation) invoked strictly after {@code t}. */
    private static int firstInvokedAfter(List<Op> reads, long t) {
        int lo = 0;
        int hi = reads.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (reads.get(mid).invokeNs() > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private WriteSafetyChecker() {
    }
}
