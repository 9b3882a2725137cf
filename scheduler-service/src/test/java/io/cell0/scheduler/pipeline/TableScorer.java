package io.cell0.scheduler.pipeline;

import java.util.Map;

/** A scorer whose raw scores are given per node id, for testing normalisation and weighting in isolation. */
record TableScorer(String name, Map<String, Double> scores) implements ScorePlugin {
    @Override
    public double score(NodeView node, PlacementRequest req, PlacementContext ctx) {
        return scores.getOrDefault(node.nodeId(), 0.0);
    }
}
