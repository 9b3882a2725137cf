package io.cell0.model;

/** Lifecycle of an agent in the replicated state. */
public enum AgentState {
    /** Accepted but has no node: waiting for the scheduler, or its node left. */
    PENDING,
    /** Placed on a node; the node's runtime is told to run it. */
    RUNNING,
    /** Being moved between nodes. */
    MIGRATING,
    /** The runtime reported that it exited with an error. */
    FAILED
}
