package io.cell0.scheduler.pipeline;

/**
 * Prefer the request's preferred zone (the seed's 50 for a match, 10 otherwise). After normalisation
 * only the difference matters, so a matching node gets the full weight and the others none; without a
 * preference every node scores 0 and the scorer is neutral.
 */
public final class ZoneAffinity implements ScorePlugin {
    public static final String NAME = "zone-affinity";
    static final double MATCH = 50.0;
    static final double MISMATCH = 10.0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean dependsOnChosenReplicas() {
        return false;
    }

    @Override
    public double score(NodeView node, PlacementRequest req, PlacementContext ctx) {
        if (req.preferredZone().isEmpty()) {
            return 0.0;
        }
        return req.preferredZone().equals(node.zone()) ? MATCH : MISMATCH;
    }
}
