package io.cell0.model;

/**
 * A node's membership role. Leader and follower are not roles here: they are Raft states a voter
 * passes through, reported separately by each coordinator.
 */
public enum NodeRole {
    /** A Raft voting peer. */
    VOTER,
    /** A Raft listener: receives and applies the log, never votes, serves stale reads. */
    OBSERVER,
    /** Not a Raft member: heartbeats to the cluster and runs agents. */
    EDGE
}
