package io.cell0.scheduler.pipeline;

import io.cell0.model.Ids;
import io.cell0.model.Resources;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One agent waiting for a home: what each replica needs and where it may or would like to run.
 *
 * @param resources     needed by each replica (a request for 3 replicas consumes three times this)
 * @param replicas      how many copies, each on a different node; the first chosen is the primary
 * @param preferredZone zone to favour when it has room; empty = no preference
 * @param allowedZones  zones the agent may run in; empty = any
 * @param requiredData  data sets the agent reads; nodes holding them score higher
 * @param priority      higher is placed first
 * @param submittedAt   logical submission order (a state index or sequence), older first among equal priority
 * @param keep          nodes already running copies of a placed agent that lost some (a drain, a node
 *                      down): the request places {@code replicas} more, on other nodes, with zone
 *                      spread counting the kept ones; empty for a pending agent
 */
public record PlacementRequest(String agentId, Resources resources, int replicas, String preferredZone,
                               Set<String> allowedZones, Set<String> requiredData, int priority, long submittedAt,
                               List<String> keep) {

    /**
     * The order requests are served in: priority (higher first), then age (older first), then agent id
     * so the order is total and no two requests are ever "equal".
     */
    public static final Comparator<PlacementRequest> QUEUE_ORDER = Comparator
            .comparingInt(PlacementRequest::priority).reversed()
            .thenComparingLong(PlacementRequest::submittedAt)
            .thenComparing(PlacementRequest::agentId);

    public PlacementRequest {
        Ids.requireId("agent id", agentId);
        if (resources == null) {
            throw new IllegalArgumentException("agent " + agentId + ": resources are required");
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("agent " + agentId + ": replicas must be at least 1, got " + replicas);
        }
        preferredZone = preferredZone == null ? "" : preferredZone.strip();
        allowedZones = SortedSets.copyOf("agent " + agentId + " allowed zones", allowedZones);
        requiredData = SortedSets.copyOf("agent " + agentId + " required data", requiredData);
        keep = List.copyOf(keep == null ? List.of() : keep);
    }

    public PlacementRequest(String agentId, Resources resources, int replicas, String preferredZone, Set<String> allowedZones,
                            Set<String> requiredData, int priority, long submittedAt) {
        this(agentId, resources, replicas, preferredZone, allowedZones, requiredData, priority, submittedAt, List.of());
    }

    /** Whether this adds copies to an agent that already runs (see {@code keep}). */
    public boolean isTopUp() {
        return !keep.isEmpty();
    }

    public PlacementRequest withKeep(List<String> nodes) {
        return new PlacementRequest(agentId, resources, replicas, preferredZone, allowedZones, requiredData, priority, submittedAt, nodes);
    }

    /** A single-replica request with no zone or data preferences; handy for callers and tests. */
    public static PlacementRequest of(String agentId, Resources resources) {
        return new PlacementRequest(agentId, resources, 1, "", Set.of(), Set.of(), 0, 0, List.of());
    }

    public PlacementRequest withReplicas(int n) {
        return new PlacementRequest(agentId, resources, n, preferredZone, allowedZones, requiredData, priority, submittedAt, keep);
    }

    public PlacementRequest withPriority(int p) {
        return new PlacementRequest(agentId, resources, replicas, preferredZone, allowedZones, requiredData, p, submittedAt, keep);
    }

    public PlacementRequest withPreferredZone(String zone) {
        return new PlacementRequest(agentId, resources, replicas, zone, allowedZones, requiredData, priority, submittedAt, keep);
    }

    public PlacementRequest withAllowedZones(Set<String> zones) {
        return new PlacementRequest(agentId, resources, replicas, preferredZone, zones, requiredData, priority, submittedAt, keep);
    }

    public PlacementRequest withRequiredData(Set<String> data) {
        return new PlacementRequest(agentId, resources, replicas, preferredZone, allowedZones, data, priority, submittedAt, keep);
    }

    public PlacementRequest withSubmittedAt(long at) {
        return new PlacementRequest(agentId, resources, replicas, preferredZone, allowedZones, requiredData, priority, at, keep);
    }
}
