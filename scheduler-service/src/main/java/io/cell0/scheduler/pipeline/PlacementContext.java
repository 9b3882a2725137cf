package io.cell0.scheduler.pipeline;

import io.cell0.model.Resources;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the plugins must know beyond the node and the request: the replicas of this request already
 * chosen (so they can be kept on distinct nodes and spread over zones) and the resources that earlier
 * placements of the same planning round have claimed but the view does not yet show as allocated (so a
 * batch planned together never overcommits a node).
 *
 * <p>Immutable from the plugins' side. A new context is made for each replica.
 */
public final class PlacementContext {
    private static final PlacementContext EMPTY = new PlacementContext(new NodeView[0], Map.of());

    /** An array, not a list: filters and scorers scan it for every candidate node, and must not allocate iterators. */
    private final NodeView[] chosen;
    private final Map<String, Resources> planned;

    private PlacementContext(NodeView[] chosen, Map<String, Resources> planned) {
        this.chosen = chosen;
        this.planned = planned;
    }

    /** No replica chosen and nothing planned: a single placement against the view as it is. */
    public static PlacementContext empty() {
        return EMPTY;
    }

    /** A context with the given replicas already chosen (primary first) and per-node planned claims (copied). */
    public static PlacementContext of(List<NodeView> chosenReplicas, Map<String, Resources> plannedByNode) {
        return new PlacementContext(chosenReplicas.toArray(NodeView[]::new),
                Collections.unmodifiableMap(new HashMap<>(plannedByNode)));
    }

    /**
     * Wraps the pipeline's working ledger without copying it; the pipeline does not change the ledger
     * while a context made from it is in use.
     */
    static PlacementContext over(Map<String, Resources> ledger) {
        return new PlacementContext(new NodeView[0], Collections.unmodifiableMap(ledger));
    }

    /** The same planned claims with one more replica chosen. */
    PlacementContext withReplica(NodeView node) {
        NodeView[] more = Arrays.copyOf(chosen, chosen.length + 1);
        more[chosen.length] = node;
        return new PlacementContext(more, planned);
    }

    /** Replicas of this request chosen so far, primary first. */
    public List<NodeView> chosen() {
        return List.of(chosen);
    }

    /** Index (0 = primary) of the replica this request already placed on {@code nodeId}, or -1. */
    public int replicaOn(String nodeId) {
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i].nodeId().equals(nodeId)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Same as {@link #replicaOn(String)} for a node of the view. Runs for every candidate of every
     * replica, so it compares object identity and the cached hash first and reads the id's characters
     * only when those match: on a large cluster the node data is mostly out of cache.
     */
    public int replicaOn(NodeView node) {
        String id = node.nodeId();
        for (int i = 0; i < chosen.length; i++) {
            NodeView c = chosen[i];
            if (c == node || (c.nodeId().hashCode() == id.hashCode() && c.nodeId().equals(id))) {
                return i;
            }
        }
        return -1;
    }

    /** How many of this request's chosen replicas are in {@code zone}. */
    public int replicasInZone(String zone) {
        int n = 0;
        for (NodeView c : chosen) {
            if (c.zone().hashCode() == zone.hashCode() && c.zone().equals(zone)) {
                n++;
            }
        }
        return n;
    }

    /** Resources claimed on {@code nodeId} by earlier placements of this planning round. */
    public Resources planned(String nodeId) {
        if (planned.isEmpty()) {
            return Resources.ZERO; // a lone placement: skip the look-up, this runs for every node
        }
        Resources r = planned.get(nodeId);
        return r == null ? Resources.ZERO : r;
    }

    /**
     * The node's free capacity once this round's earlier placements are taken into account; never
     * below zero, even for a context built by hand with more planned than the node has.
     */
    public Resources freeOn(NodeView node) {
        Resources f = node.free();
        Resources p = planned(node.nodeId());
        return new Resources(Math.max(0, f.cpuMillis() - p.cpuMillis()), Math.max(0, f.memoryMb() - p.memoryMb()),
                Math.max(0, f.gpus() - p.gpus()), Math.max(0, f.storageMb() - p.storageMb()));
    }
}
