package io.cell0.scheduler.pipeline;

import java.util.Optional;

/** Two replicas of one agent on one node would fail together, so a node already holding one is dropped. */
public final class DistinctNodes implements FilterPlugin {
    public static final String NAME = "distinct-nodes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(NodeView node, PlacementRequest req, PlacementContext ctx) {
        return ctx.replicaOn(node) < 0;
    }

    @Override
    public Optional<String> reject(NodeView node, PlacementRequest req, PlacementContext ctx) {
        int i = ctx.replicaOn(node);
        if (i < 0) {
            return Optional.empty();
        }
        return Optional.of("already holds " + (i == 0 ? "the primary" : "replica " + (i + 1)) + " of this request");
    }

    @Override
    public String label(String reason) {
        return "hold another replica";
    }
}
