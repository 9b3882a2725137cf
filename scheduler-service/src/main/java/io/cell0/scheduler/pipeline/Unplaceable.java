package io.cell0.scheduler.pipeline;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * No placement for the request on this view.
 *
 * @param reason        one line for an operator, e.g. "no node fits: 3 lack memory, 1 draining"
 * @param eligibleNodes nodes that passed every filter (fewer than the replicas asked for)
 * @param rejections    how many nodes each kind of rejection dropped, keyed by the filters' short labels
 */
public record Unplaceable(String agentId, String reason, int eligibleNodes, Map<String, Integer> rejections)
        implements Placement {

    public Unplaceable {
        rejections = Collections.unmodifiableMap(new TreeMap<>(rejections));
    }

    @Override
    public String outcome() {
        return "unplaceable";
    }
}
