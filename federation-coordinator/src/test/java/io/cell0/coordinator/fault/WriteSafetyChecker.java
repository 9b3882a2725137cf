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
        for (Op w : history) {
            if (!w.acknowledgedWrite()) {
                continue;
            }
            for (Op r : history) {
                if (r.type() == Op.Type.READ && r.key().equals(w.key()) && r.invokeNs() > w.completeNs()
                        && r.version() < w.version()) {
                    out.add(new Violation("lost", w.key(), "write " + w.value() + " acknowledged at version " + w.version()
                            + ", later read saw version " + r.version() + " (" + r.value() + ")"));
                    break;
                }
            }
            finalVersions.forEach((node, versions) -> {
                long v = versions.getOrDefault(w.key(), 0L);
                if (v < w.version()) {
                    out.add(new Violation("lost", w.key(), "write " + w.value() + " acknowledged at version " + w.version()
                            + ", final read on " + node + " is at version " + v));
                }
            });
        }
        return out;
    }

    private WriteSafetyChecker() {
    }
}
