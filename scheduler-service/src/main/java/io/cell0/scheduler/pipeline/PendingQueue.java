package io.cell0.scheduler.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Requests waiting for placement, in the order they will be served: higher priority first, then
 * older, then by agent id ({@link PlacementRequest#QUEUE_ORDER}). At most one request per agent: a
 * changed request replaces the queued one, keeping nothing of its old position.
 *
 * <p>Not thread-safe; the service owns one and confines it to its scheduling loop.
 */
public final class PendingQueue {
    private final TreeSet<PlacementRequest> ordered = new TreeSet<>(PlacementRequest.QUEUE_ORDER);
    private final Map<String, PlacementRequest> byAgent = new HashMap<>();

    /** Queues the request; false (and nothing changes) when the agent already has one queued. */
    public boolean add(PlacementRequest req) {
        if (byAgent.putIfAbsent(req.agentId(), req) != null) {
            return false;
        }
        ordered.add(req);
        return true;
    }

    /** Replaces the agent's queued request; false (and nothing is queued) when it had none. */
    public boolean update(PlacementRequest req) {
        PlacementRequest old = byAgent.get(req.agentId());
        if (old == null) {
            return false;
        }
        ordered.remove(old);
        ordered.add(req);
        byAgent.put(req.agentId(), req);
        return true;
    }

    public Optional<PlacementRequest> remove(String agentId) {
        PlacementRequest old = byAgent.remove(agentId);
        if (old != null) {
            ordered.remove(old);
        }
        return Optional.ofNullable(old);
    }

    public Optional<PlacementRequest> get(String agentId) {
        return Optional.ofNullable(byAgent.get(agentId));
    }

    public boolean contains(String agentId) {
        return byAgent.containsKey(agentId);
    }

    /** The request that would be served next, left in the queue. */
    public Optional<PlacementRequest> peek() {
        return ordered.isEmpty() ? Optional.empty() : Optional.of(ordered.first());
    }

    /** Removes and returns the request that would be served next. */
    public Optional<PlacementRequest> poll() {
        PlacementRequest first = ordered.pollFirst();
        if (first != null) {
            byAgent.remove(first.agentId());
        }
        return Optional.ofNullable(first);
    }

    /** Removes and returns every request, in serving order. */
    public List<PlacementRequest> drain() {
        return drain(Integer.MAX_VALUE);
    }

    /** Removes and returns up to {@code max} requests, in serving order. */
    public List<PlacementRequest> drain(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative");
        }
        List<PlacementRequest> out = new ArrayList<>(Math.min(max, ordered.size()));
        while (out.size() < max && !ordered.isEmpty()) {
            out.add(poll().orElseThrow());
        }
        return out;
    }

    /** Every queued request in serving order, without removing any. */
    public List<PlacementRequest> inOrder() {
        return List.copyOf(ordered);
    }

    public int size() {
        return byAgent.size();
    }

    public boolean isEmpty() {
        return byAgent.isEmpty();
    }
}
