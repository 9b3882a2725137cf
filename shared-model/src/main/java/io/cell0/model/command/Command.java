package io.cell0.model.command;

/**
 * A change to the replicated cluster state: one entry's worth of intent in the Raft log. The seven
 * seed commands are here; later capabilities add their own. Everything that depends on time or on a
 * fresh identifier is stamped into the command by the proposing node <em>before</em> it is proposed,
 * so applying a command is deterministic on every replica.
 */
public sealed interface Command
        permits AgentSpawn, AgentKill, ResourceAlloc, ResourceFree, ConfigUpdate, NodeJoin, NodeLeave, PlacementPlan,
        AgentStatusReport, NodeStatusChange, NodeDrain, AgentEvict {

    /** Epoch milliseconds stamped by the proposing node. */
    long timestamp();

    /** The seed's name of the command, e.g. {@code AgentSpawn}. */
    default String type() {
        return getClass().getSimpleName();
    }
}
