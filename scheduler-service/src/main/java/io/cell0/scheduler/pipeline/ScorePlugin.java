package io.cell0.scheduler.pipeline;

/**
 * A soft preference among the nodes that passed every filter. A scorer returns a raw number on any
 * scale where higher means better; the pipeline normalises each scorer's numbers over the candidates
 * to 0-100 before weighting, so scorers never need to agree on a scale and a weight means the same
 * thing for every scorer.
 */
public interface ScorePlugin {

    /** Stable name, used in explanations and as the config key of its weight. */
    String name();

    /** Raw score; higher is better. Must be finite. */
    double score(NodeView node, PlacementRequest req, PlacementContext ctx);

    /**
     * Whether the score can change as replicas of the same request are chosen, i.e. whether it reads
     * {@link PlacementContext#chosen()}. A scorer that does not is asked only once per request and
     * node; its raw scores are reused for later replicas (normalisation is still redone over the
     * remaining candidates). Defaults to true, which is always correct, only slower.
     */
    default boolean dependsOnChosenReplicas() {
        return true;
    }
}
