package io.cell0.scheduler.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the per-node rejections of an unplaceable request into one line: "no node fits: 3 lack memory,
 * 1 draining". Only runs when a request fails, so it may take its time formatting reasons.
 */
final class RejectionSummary {
    private RejectionSummary() {
    }

    static Unplaceable of(List<NodeView> nodes, List<FilterPlugin> filters, PlacementRequest req,
                          PlacementContext ctx, int eligible) {
        Map<String, Integer> counts = new TreeMap<>();
        for (NodeView node : nodes) {
            for (FilterPlugin f : filters) {
                Optional<String> why = f.reject(node, req, ctx);
                if (why.isPresent()) {
                    counts.merge(f.label(why.get()), 1, Integer::sum);
                    break;
                }
            }
        }
        return new Unplaceable(req.agentId(), reason(nodes.size(), req.replicas(), eligible, counts), eligible, counts);
    }

    static String reason(int nodes, int replicas, int eligible, Map<String, Integer> counts) {
        if (nodes == 0) {
            return "no nodes in the cluster view";
        }
        String head = eligible == 0 ? "no node fits"
                : "needs " + replicas + " distinct nodes, only " + eligible + " of " + nodes + " fit";
        if (counts.isEmpty()) {
            return head;
        }
        List<Map.Entry<String, Integer>> byCount = new ArrayList<>(counts.entrySet());
        // Most common first; the TreeMap already ordered equal counts by label.
        byCount.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        List<String> parts = new ArrayList<>(byCount.size());
        for (Map.Entry<String, Integer> e : byCount) {
            parts.add(e.getValue() + " " + e.getKey());
        }
        return head + ": " + String.join(", ", parts);
    }
}
