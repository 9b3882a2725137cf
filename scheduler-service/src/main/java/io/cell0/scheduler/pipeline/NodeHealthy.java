package io.cell0.scheduler.pipeline;

import io.cell0.model.NodeStatus;
import java.util.Optional;

/**
 * Drops nodes that should not take new work: any status but HEALTHY (a SUSPECT node may be about to
 * be declared DOWN, so placing there invites an immediate migration), quarantined nodes and draining
 * nodes. The role does not matter: edge nodes exist to run agents.
 */
public final class NodeHealthy implements FilterPlugin {
    public static final String NAME = "node-healthy";
    private static final String PREFIX = "node is ";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean dependsOnChosenReplicas() {
        return false;
    }

    @Override
    public boolean accepts(NodeView node, PlacementRequest req, PlacementContext ctx) {
        return node.status() == NodeStatus.HEALTHY && !node.quarantined() && !node.draining();
    }

    @Override
    public Optional<String> reject(NodeView node, PlacementRequest req, PlacementContext ctx) {
        if (node.status() != NodeStatus.HEALTHY) {
            return Optional.of(PREFIX + node.status());
        }
        if (node.quarantined()) {
            return Optional.of(PREFIX + "quarantined");
        }
        if (node.draining()) {
            return Optional.of(PREFIX + "draining");
        }
        return Optional.empty();
    }

    /** "DOWN", "quarantined", "draining". */
    @Override
    public String label(String reason) {
        return reason.startsWith(PREFIX) ? reason.substring(PREFIX.length()) : reason;
    }
}
