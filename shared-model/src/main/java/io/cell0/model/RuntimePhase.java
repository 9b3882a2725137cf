package io.cell0.model;

/** What a node's agent runtime last reported about one copy of an agent. */
public enum RuntimePhase {
    /** The node accepted the agent and is starting its process. */
    STARTING,
    /** The process is running. */
    RUNNING,
    /** The process exited (see the exit code); the restart policy decides what happens next. */
    EXITED,
    /** The runtime gave up: it could not start the process, or restarts are exhausted. */
    FAILED,
    /** The runtime stopped the process because the agent was killed or moved away. */
    STOPPED
}
