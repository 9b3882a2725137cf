package io.cell0.model.command;

import io.cell0.model.Ids;
import io.cell0.model.NodeCapabilities;
import io.cell0.model.NodeRole;
import io.cell0.model.Resources;

/**
 * Adds a node to the registry, or refreshes the record of a node that restarts with the same id.
 *
 * @param address    Raft address, host:port
 * @param apiAddress REST address, host:port
 * @param capacity   total resources the node offers to agents
 */
public record NodeJoin(String nodeId, NodeRole role, String address, String apiAddress, String zone,
                       NodeCapabilities capabilities, Resources capacity, long timestamp) implements Command {
    public NodeJoin {
        Ids.requireId("node_id", nodeId);
        if (role == null || capacity == null) {
            throw new IllegalArgumentException("node " + nodeId + ": role and capacity are required");
        }
        address = address == null ? "" : address;
        apiAddress = apiAddress == null ? "" : apiAddress;
        zone = zone == null ? "" : zone;
        capabilities = capabilities == null ? NodeCapabilities.NONE : capabilities;
    }
}
