package io.cell0.coordinator.health;

import io.cell0.model.NodeStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Per-node failure-detection metrics, and the hook other components use to publish them.
 *
 * <ul>
 *   <li>{@code cell0.node.phi{node}}: the leader's phi for a node; {@link #phi} registers the gauge the
 *       first time and replaces its source on later calls (a new leader, a restarted detector). NaN
 *       where no source is set or the source has no judgement (any node but the leader).</li>
 *   <li>{@code cell0.node.status.changes{status}}: committed status changes, by the status entered;
 *       every node counts the changes its replica applies ({@link #statusChanged}).</li>
 * </ul>
 */
public final class NodeHealthMetrics {
    private final MeterRegistry registry;
    private final Map<String, DoubleSupplier> phi = new ConcurrentHashMap<>();
    private final Map<NodeStatus, Counter> changes = new ConcurrentHashMap<>();

    public NodeHealthMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (NodeStatus s : NodeStatus.values()) {
            changes.put(s, Counter.builder("cell0.node.status.changes").tag("status", lower(s))
                    .description("Node status changes applied by this replica, by the status entered").register(registry));
        }
    }

    /** Publishes {@code phi} as node {@code nodeId}'s phi gauge; safe to call again with a new source. */
    public void phi(String nodeId, DoubleSupplier source) {
        if (phi.put(nodeId, source) == null) {
            Gauge.builder("cell0.node.phi", () -> {
                DoubleSupplier s = phi.get(nodeId);
                return s == null ? Double.NaN : s.getAsDouble();
            }).tag("node", nodeId).description("Phi-accrual suspicion of a node, computed on the leader (NaN elsewhere)")
                    .register(registry);
        }
    }

    /** Counts one committed change of a node's status. */
    public void statusChanged(String nodeId, NodeStatus from, NodeStatus to) {
        if (from != to) {
            changes.get(to).increment();
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
