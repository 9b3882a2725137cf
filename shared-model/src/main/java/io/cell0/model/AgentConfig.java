package io.cell0.model;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What an agent is and what it needs (seed {@code AgentConfig}).
 *
 * @param agentType     free-form type, e.g. {@code inference}
 * @param configJson    the agent's own configuration, as canonical JSON text ({@code {}} when none)
 * @param resources     resources each replica needs
 * @param replicas      number of copies to run, at least 1
 * @param preferredZone zone the agent prefers, or empty
 * @param priority      higher is scheduled first
 * @param requiredData  data sets the agent reads; nodes holding them score higher (sorted, unique)
 * @param allowedZones  zones the agent may run in; empty means any (sorted, unique)
 * @param keepRunningWhenDisconnected the agent's choice ({@code on_disconnect: keep_running}): a node
 *                      that loses its lease keeps this agent running instead of stopping it, and the
 *                      leader does not place it elsewhere when that node is declared down. Availability
 *                      over "never on two nodes": it is never started a second time, but it may keep
 *                      running where nobody can see it
 */
public record AgentConfig(String agentType, String configJson, Resources resources, int replicas,
                          String preferredZone, int priority, List<String> requiredData, List<String> allowedZones,
                          boolean keepRunningWhenDisconnected) {
    public AgentConfig {
        if (agentType == null || agentType.isBlank()) {
            throw new IllegalArgumentException("agent_type is required");
        }
        configJson = configJson == null || configJson.isEmpty() ? "{}" : configJson;
        resources = resources == null ? Resources.ZERO : resources;
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
        }
        preferredZone = preferredZone == null ? "" : preferredZone;
        requiredData = sortedUnique("required_data", requiredData);
        allowedZones = sortedUnique("allowed_zones", allowedZones);
    }

    /** An agent that stops when its node is cut off (the default). */
    public AgentConfig(String agentType, String configJson, Resources resources, int replicas, String preferredZone,
                       int priority, List<String> requiredData, List<String> allowedZones) {
        this(agentType, configJson, resources, replicas, preferredZone, priority, requiredData, allowedZones, false);
    }

    /** An agent with no data or zone constraints. */
    public AgentConfig(String agentType, String configJson, Resources resources, int replicas, String preferredZone,
                       int priority) {
        this(agentType, configJson, resources, replicas, preferredZone, priority, List.of(), List.of());
    }

    private static List<String> sortedUnique(String what, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(what + " must not contain null");
        }
        return List.copyOf(new TreeSet<>(values));
    }
}
