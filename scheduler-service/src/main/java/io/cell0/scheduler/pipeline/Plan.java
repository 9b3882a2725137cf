package io.cell0.scheduler.pipeline;

import io.cell0.model.Resources;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The placements for a batch of requests, made together against one view. The leader applies it only
 * if the state has not moved past {@code stateIndex} in a way that invalidates it.
 *
 * @param placed         placements in the order they were made (priority, then age)
 * @param unplaceable    requests that found no home, with reasons, in the same order
 * @param plannedByNode  total resources this plan claims on each node, for checking against the state
 */
public record Plan(long stateIndex, List<Placed> placed, List<Unplaceable> unplaceable,
                   Map<String, Resources> plannedByNode) {

    public Plan {
        placed = List.copyOf(placed);
        unplaceable = List.copyOf(unplaceable);
        plannedByNode = Collections.unmodifiableMap(new TreeMap<>(plannedByNode));
    }
}
