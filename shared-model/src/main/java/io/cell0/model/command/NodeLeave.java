package io.cell0.model.command;

import io.cell0.model.Ids;

/** Marks a node as having left. Agents it hosted become pending again; none are dropped. */
public record NodeLeave(String nodeId, long timestamp) implements Command {
    public NodeLeave {
        Ids.requireId("node_id", nodeId);
    }
}
