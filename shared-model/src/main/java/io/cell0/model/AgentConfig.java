package io.cell0.model;

/**
 * What an agent is and what it needs (seed {@code AgentConfig}).
 *
 * @param agentType     free-form type, e.g. {@code inference}
 * @param configJson    the agent's own configuration, as canonical JSON text ({@code {}} when none)
 * @param resources     resources each replica needs
 * @param replicas      number of copies to run, at least 1
 * @param preferredZone zone the agent prefers, or empty
 * @param priority      higher is scheduled first
 */
public record AgentConfig(String agentType, String configJson, Resources resources, int replicas,
                          String preferredZone, int priority) {

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
    }
}
