package io.cell0.scheduler.pipeline;

/**
 * Prefer nodes that already hold the data the agent reads, so it does not have to be copied. The seed
 * scored all-or-nothing (100/0); a fraction ranks a node holding two of three data sets above one
 * holding none. With no data required every node scores 0, which normalisation turns into no preference.
 */
public final class DataLocality implements ScorePlugin {
    public static final String NAME = "data-locality";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean dependsOnChosenReplicas() {
        return false;
    }

    /** Percentage of the required data sets present on the node; 0 when none are required. */
    @Override
    public double score(NodeView node, PlacementRequest req, PlacementContext ctx) {
        if (req.requiredData().isEmpty() || node.dataSets().isEmpty()) {
            return 0.0; // the common case, answered without iterating the sets
        }
        int present = 0;
        for (String d : req.requiredData()) {
            if (node.dataSets().contains(d)) {
                present++;
            }
        }
        return 100.0 * present / req.requiredData().size();
    }
}
