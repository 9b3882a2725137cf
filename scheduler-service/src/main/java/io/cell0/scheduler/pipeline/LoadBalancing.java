package io.cell0.scheduler.pipeline;

/**
 * The "spread" strategy: prefer the node that would be least utilised after the placement, leaving
 * headroom everywhere for bursts and for the agents of a failed node. Extends the seed's
 * {@code (1 - cpuUtil) * 100} to memory and to the utilisation after placing, so a big agent does not
 * land on a node it would nearly fill just because the node was empty-ish before.
 */
public final class LoadBalancing implements ScorePlugin {
    public static final String NAME = "load-balancing";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean dependsOnChosenReplicas() {
        return false;
    }

    /** {@code (1 - max(cpuUtil, memUtil)) * 100}, utilisations after placing the replica. */
    @Override
    public double score(NodeView node, PlacementRequest req, PlacementContext ctx) {
        return (1.0 - Utilisation.afterPlacement(node, req, ctx)) * 100.0;
    }
}
