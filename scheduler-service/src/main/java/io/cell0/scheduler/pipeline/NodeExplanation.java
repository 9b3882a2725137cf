package io.cell0.scheduler.pipeline;

import java.util.List;

/**
 * Why one node was or was not chosen. A rejected node names the filter that dropped it and why
 * ({@code scores} empty, {@code total} and {@code rank} null); a candidate lists every scorer's part,
 * its total and its rank (1 = chosen as primary).
 */
public record NodeExplanation(String nodeId, String zone, boolean eligible, String rejectedBy, String reason,
                              List<ScoreDetail> scores, Double total, Integer rank) {

    public NodeExplanation {
        scores = List.copyOf(scores);
    }

    static NodeExplanation rejected(NodeView node, String filter, String reason) {
        return new NodeExplanation(node.nodeId(), node.zone(), false, filter, reason, List.of(), null, null);
    }

    static NodeExplanation candidate(NodeView node, List<ScoreDetail> scores, double total, int rank) {
        return new NodeExplanation(node.nodeId(), node.zone(), true, null, null, scores, total, rank);
    }
}
