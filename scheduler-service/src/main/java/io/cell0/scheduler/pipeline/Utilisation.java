package io.cell0.scheduler.pipeline;

import io.cell0.model.Resources;

/** Shared by the two packing strategies, so spread and bin-pack measure a node the same way. */
final class Utilisation {
    private Utilisation() {
    }

    /**
     * The larger of the node's cpu and memory utilisation (0..1) if this replica were placed on it,
     * counting committed allocations and this round's earlier placements. The larger one, because the
     * scarcer resource is the one that stops the next agent. A resource the node has none of counts as 0.
     */
    static double afterPlacement(NodeView node, PlacementRequest req, PlacementContext ctx) {
        Resources p = ctx.planned(node.nodeId());
        Resources r = req.resources();
        double cpu = fraction(node.allocated().cpuMillis() + p.cpuMillis() + r.cpuMillis(), node.total().cpuMillis());
        double mem = fraction(node.allocated().memoryMb() + p.memoryMb() + r.memoryMb(), node.total().memoryMb());
        return Math.max(cpu, mem);
    }

    private static double fraction(long used, long total) {
        return total <= 0 ? 0.0 : (double) used / total;
    }
}
