package io.cell0.model;

/** Liveness of a node as committed to the replicated state. */
public enum NodeStatus {
    HEALTHY,
    SUSPECT,
    DOWN,
    /** Left the cluster. Kept so its history (and agents that need a new home) stays visible. */
    LEFT;

    /** Whether new agents or allocations may be placed on a node in this status. */
    public boolean acceptsWork() {
        return this == HEALTHY;
    }
}
