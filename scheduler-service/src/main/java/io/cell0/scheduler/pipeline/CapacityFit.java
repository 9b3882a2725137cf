package io.cell0.scheduler.pipeline;

import io.cell0.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drops a node whose free capacity, after this round's earlier placements, is below what one replica
 * needs in any of the four resources. The reason names every short resource with the amount needed
 * and the amount left, so an operator sees at a glance what to add.
 */
public final class CapacityFit implements FilterPlugin {
    public static final String NAME = "capacity-fit";

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
        // Component arithmetic instead of free().minus(...): this runs for every node of every placement.
        Resources t = node.total();
        Resources a = node.allocated();
        Resources p = ctx.planned(node.nodeId());
        Resources r = req.resources();
        return r.cpuMillis() <= t.cpuMillis() - a.cpuMillis() - p.cpuMillis()
                && r.memoryMb() <= t.memoryMb() - a.memoryMb() - p.memoryMb()
                && r.gpus() <= t.gpus() - a.gpus() - p.gpus()
                && r.storageMb() <= t.storageMb() - a.storageMb() - p.storageMb();
    }

    @Override
    public Optional<String> reject(NodeView node, PlacementRequest req, PlacementContext ctx) {
        if (accepts(node, req, ctx)) {
            return Optional.empty();
        }
        Resources free = ctx.freeOn(node);
        Resources need = req.resources();
        List<String> parts = new ArrayList<>(4);
        if (need.cpuMillis() > free.cpuMillis()) {
            parts.add("needs " + need.cpuMillis() + "m cpu, " + free.cpuMillis() + "m free");
        }
        if (need.memoryMb() > free.memoryMb()) {
            parts.add("needs " + need.memoryMb() + " MiB memory, " + free.memoryMb() + " MiB free");
        }
        if (need.gpus() > free.gpus()) {
            parts.add("needs " + need.gpus() + " gpus, " + free.gpus() + " free");
        }
        if (need.storageMb() > free.storageMb()) {
            parts.add("needs " + need.storageMb() + " MiB storage, " + free.storageMb() + " MiB free");
        }
        return Optional.of(String.join("; ", parts));
    }

    /** "lack memory", or "lack cpu+memory" when several resources are short. */
    @Override
    public String label(String reason) {
        List<String> short_ = new ArrayList<>(4);
        for (String resource : new String[] {" cpu,", " memory,", " gpus,", " storage,"}) {
            if (reason.contains(resource)) {
                short_.add(resource.substring(1, resource.length() - 1));
            }
        }
        return "lack " + String.join("+", short_);
    }
}
