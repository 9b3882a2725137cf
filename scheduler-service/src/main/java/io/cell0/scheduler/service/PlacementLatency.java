package io.cell0.scheduler.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed's "scheduler latency": from the moment this scheduler first sees an agent pending to the
 * moment the coordinator accepted the plan that placed it. An agent counts once it is seen no longer
 * pending after a plan of ours named it; an agent that was refused stays pending and is timed to the
 * later plan that does place it; one deleted, or placed by another replica, is not counted.
 * Times are {@link System#nanoTime()} values. Used by the loop's thread only.
 */
final class PlacementLatency {
    private final Map<String, Long> pendingSince = new HashMap<>();
    private final Map<String, Long> acceptedAt = new HashMap<>();

    /** The plan naming {@code agentIds} was accepted at {@code nowNanos}. */
    void accepted(Collection<String> agentIds, long nowNanos) {
        for (String id : agentIds) {
            if (pendingSince.containsKey(id)) {
                acceptedAt.put(id, nowNanos);
            }
        }
    }

    /** The agents pending now; returns the latencies (nanoseconds) of the agents placed since the last call. */
    List<Long> observe(Set<String> pending, long nowNanos) {
        List<Long> placed = new ArrayList<>();
        var it = pendingSince.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!pending.contains(e.getKey())) {
                Long accepted = acceptedAt.remove(e.getKey());
                if (accepted != null) {
                    placed.add(accepted - e.getValue());
                }
                it.remove();
            }
        }
        for (String id : pending) {
            pendingSince.putIfAbsent(id, nowNanos);
        }
        acceptedAt.keySet().retainAll(pendingSince.keySet());
        return placed;
    }
}
