package io.cell0.scheduler.pipeline;

/**
 * The "binpack" strategy, the mirror image of {@link LoadBalancing}: prefer the node that would be most
 * utilised after the placement, so whole nodes stay empty for large agents or can be powered down.
 */
public final class BinPacking implements ScorePlugin {
    public static final String NAME = "bin-packing";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean dependsOnChosenReplicas() {
        return false;
    }

    /** {@code max(cpuUtil, memUtil) * 100}, utilisations after placing the replica. */
    @Override
    public double score(NodeView node, PlacementRequest req, PlacementContext ctx) {
        return Utilisation.afterPlacement(node, req, ctx) * 100.0;
    }
}
