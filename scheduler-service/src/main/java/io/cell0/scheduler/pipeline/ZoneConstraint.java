package io.cell0.scheduler.pipeline;

import java.util.Optional;

/** Keeps replicas inside the request's allowed zones (data residency, latency); no allowed zones means any zone. */
public final class ZoneConstraint implements FilterPlugin {
    public static final String NAME = "zone-constraint";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean dependsOnChosenReplicas() {
        return false;
    }

    @Override
    public boolean accepts(NodeView node, PlacementRequest req, PlacementContext ctx) {
        return req.allowedZones().isEmpty() || req.allowedZones().contains(node.zone());
    }

    @Override
    public Optional<String> reject(NodeView node, PlacementRequest req, PlacementContext ctx) {
        if (accepts(node, req, ctx)) {
            return Optional.empty();
        }
        String zone = node.zone().isEmpty() ? "no zone" : "zone " + node.zone();
        return Optional.of(zone + " is not in the allowed zones " + req.allowedZones());
    }

    @Override
    public String label(String reason) {
        return "outside the allowed zones";
    }
}
