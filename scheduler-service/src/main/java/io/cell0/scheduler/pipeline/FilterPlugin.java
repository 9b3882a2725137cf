package io.cell0.scheduler.pipeline;

import java.util.Optional;

/**
 * A hard constraint: a node that fails it cannot take the replica, whatever it would score. A filter
 * reports why, in words an operator reads in an explanation ("needs 2000m cpu, 500m free").
 *
 * <p>Filters must be monotone within a request: once a node is dropped for one replica it stays
 * dropped for the later ones, because choosing replicas and claiming resources only adds constraints.
 * The pipeline relies on this to re-filter only the survivors of the previous replica.
 */
public interface FilterPlugin {

    /** Stable name, used in explanations and config keys. */
    String name();

    /** Empty when the node may take the replica, otherwise the reason it may not. */
    Optional<String> reject(NodeView node, PlacementRequest req, PlacementContext ctx);

    /**
     * The same decision as {@link #reject} without building a reason. The placement hot path calls
     * this for every node; a filter overrides it when the reason is costly to format.
     */
    default boolean accepts(NodeView node, PlacementRequest req, PlacementContext ctx) {
        return reject(node, req, ctx).isEmpty();
    }

    /**
     * Whether the answer can change as replicas of the same request are chosen, i.e. whether it reads
     * {@link PlacementContext#chosen()}. A filter that does not is asked only once per request and node.
     * Defaults to true, which is always correct, only slower.
     */
    default boolean dependsOnChosenReplicas() {
        return true;
    }

    /**
     * A short label for one of this filter's reasons, used to count rejections in an unplaceable
     * summary ("3 lack memory, 1 draining"). Labels must read after a number of nodes.
     */
    default String label(String reason) {
        return "rejected by " + name();
    }
}
