package io.cell0.scheduler.pipeline;

/**
 * Prefer zones that hold none, or fewest, of this request's replicas chosen so far, so the loss of
 * one zone takes as few replicas as possible. For the primary no replica is chosen yet, every node
 * scores the same and the scorer is neutral.
 */
public final class ZoneSpread implements ScorePlugin {
    public static final String NAME = "zone-spread";

    @Override
    public String name() {
        return NAME;
    }

    /** {@code 100 / (1 + replicas already in the node's zone)}: 100, 50, 33... */
    @Override
    public double score(NodeView node, PlacementRequest req, PlacementContext ctx) {
        return 100.0 / (1 + ctx.replicasInZone(node.zone()));
    }
}
