package io.cell0.scheduler.pipeline;

import java.util.List;

/**
 * The full reasoning behind a placement, for operators and post-mortems: every node of the view, with
 * either the filter that dropped it or its scores and rank. Scores and ranks are those of the primary
 * replica (nothing yet chosen); later replicas are ranked again after each choice, and
 * {@code placement} shows where they went. Serialises to JSON as is.
 *
 * @param candidates nodes that passed every filter
 * @param outcome    {@code placement.outcome()}, repeated so a JSON reader knows which shape
 *                   {@code placement} has without type metadata
 * @param nodes      candidates in rank order, then rejected nodes by id
 */
public record Explanation(String agentId, long stateIndex, String strategy, int replicas, int nodeCount,
                          int candidates, String outcome, Placement placement, List<NodeExplanation> nodes) {

    public Explanation {
        if (!placement.outcome().equals(outcome)) {
            throw new IllegalArgumentException("outcome " + outcome + " does not match the placement " + placement);
        }
        nodes = List.copyOf(nodes);
    }
}
