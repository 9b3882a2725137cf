package io.cell0.model.command;

/** Why the state machine refused a command. Stable names: they appear in API errors. */
public enum RejectReason {
    UNKNOWN_NODE,
    NODE_NOT_ACTIVE,
    DUPLICATE_NODE,
    UNKNOWN_AGENT,
    DUPLICATE_AGENT,
    UNKNOWN_ALLOCATION,
    DUPLICATE_ALLOCATION,
    INSUFFICIENT_CAPACITY,
    VERSION_MISMATCH,
    INVALID,
    /** Proposed by a leader that is no longer in charge (its term is not the current one). */
    STALE_TERM
}
