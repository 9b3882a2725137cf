package io.cell0.coordinator.health;

import io.cell0.model.NodeStatus;
import io.cell0.model.Resources;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Seed {@code check_capacity}: the share of cpu, memory and gpus still free on the healthy nodes
 * (WARNING under the configured share), and whether a typical agent can still be placed at all
 * (CRITICAL when no healthy node can take it). The typical agent is the median request of the
 * current agents, per resource, or the configured one while there are none.
 */
public final class CapacityCheck {
    private CapacityCheck() {
    }

    public record Node(String id, NodeStatus status, Resources total, Resources allocated) {
    }

    /** @param agentRequests what each current agent requests per copy */
    public record Observation(List<Node> nodes, List<Resources> agentRequests) {
    }

    public static Verdict evaluate(Observation o, double warningFreeRatio, Resources defaultAgent) {
        Verdict.Builder v = new Verdict.Builder().detail("warning_below_free_ratio", warningFreeRatio);
        List<Node> healthy = o.nodes().stream().filter(n -> n.status().acceptsWork()).toList();
        Resources typical = o.agentRequests().isEmpty() ? defaultAgent : median(o.agentRequests());
        v.detail("nodes", o.nodes().size()).detail("healthy_nodes", healthy.size())
                .detail("typical_agent", resources(typical))
                .detail("typical_agent_from", o.agentRequests().isEmpty() ? "configuration (no agents yet)"
                        : "median of " + o.agentRequests().size() + " agents");
        if (o.nodes().isEmpty()) {
            // Right after start-up, before this node's own registration is applied.
            return v.finding(Level.WARNING, "no node registered yet").build();
        }
        if (healthy.isEmpty()) {
            return v.finding(Level.CRITICAL, "no healthy node: nothing can be placed").build();
        }
        Resources total = Resources.ZERO;
        Resources free = Resources.ZERO;
        long fit = 0;
        for (Node n : healthy) {
            total = total.plus(n.total());
            Resources nodeFree = n.total().minus(n.allocated());
            free = free.plus(nodeFree);
            fit += typical.fitsWithin(nodeFree) ? 1 : 0;
        }
        Map<String, Object> ratios = new LinkedHashMap<>();
        share(v, ratios, "cpu", total, free, Resources::cpuMillis, warningFreeRatio);
        share(v, ratios, "memory", total, free, Resources::memoryMb, warningFreeRatio);
        share(v, ratios, "gpus", total, free, Resources::gpus, warningFreeRatio);
        v.detail("free_ratio", ratios).detail("total", resources(total)).detail("free", resources(free))
                .detail("nodes_fitting_typical_agent", fit);
        if (fit == 0) {
            v.finding(Level.CRITICAL, "no healthy node can take a typical agent (" + typical.cpuMillis() + "m cpu, "
                    + typical.memoryMb() + " MiB, " + typical.gpus() + " gpus, " + typical.storageMb() + " MiB storage)");
        }
        return v.build();
    }

    /** A resource nobody offers (gpus on a cluster without any) has no free share to fall short of. */
    private static void share(Verdict.Builder v, Map<String, Object> ratios, String name, Resources total, Resources free,
                              ToLongFunction<Resources> part, double warningFreeRatio) {
        long t = part.applyAsLong(total);
        if (t == 0) {
            return;
        }
        double ratio = (double) part.applyAsLong(free) / t;
        ratios.put(name, Math.round(ratio * 1000) / 1000.0);
        if (ratio < warningFreeRatio) {
            v.finding(Level.WARNING, String.format(Locale.ROOT, "%s: %.1f %% free (warning under %.1f %%)", name, 100 * ratio,
                    100 * warningFreeRatio));
        }
    }

    /** The median of each resource on its own (the lower of the two middle values for an even count). */
    static Resources median(List<Resources> requests) {
        return new Resources(median(requests, Resources::cpuMillis), median(requests, Resources::memoryMb),
                median(requests, Resources::gpus), median(requests, Resources::storageMb));
    }

    private static long median(List<Resources> requests, ToLongFunction<Resources> part) {
        long[] values = requests.stream().mapToLong(part).toArray();
        Arrays.sort(values);
        return values[(values.length - 1) / 2];
    }

    static Map<String, Object> resources(Resources r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_millis", r.cpuMillis());
        m.put("memory_mb", r.memoryMb());
        m.put("gpus", r.gpus());
        m.put("storage_mb", r.storageMb());
        return m;
    }
}
