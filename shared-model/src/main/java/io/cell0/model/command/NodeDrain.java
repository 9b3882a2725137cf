package io.cell0.model.command;

import io.cell0.model.Ids;

/**
 * An operator starts ({@code draining} true) or ends a drain of a node. A draining node takes no new
 * agents; the leader moves the agents it holds to other nodes, one copy of an agent at a time.
 */
public record NodeDrain(String nodeId, boolean draining, long timestamp) implements Command {
    public NodeDrain {
        Ids.requireId("node_id", nodeId);
    }
}
