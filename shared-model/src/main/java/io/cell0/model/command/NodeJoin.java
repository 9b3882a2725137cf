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
 * @param identityKey the node's Ed25519 identity public key (PEM), or empty when it has none (no TLS);
 *                   its heartbeats must be signed with the matching private key
 */
public record NodeJoin(String nodeId, NodeRole role, String address, String apiAddress, String zone,
                       NodeCapabilities capabilities, Resources capacity, long timestamp, String identityKey) implements Command {
    public NodeJoin {
        Ids.requireId("node_id", nodeId);
        if (role == null || capacity == null) {
            throw new IllegalArgumentException("node " + nodeId + ": role and capacity are required");
        }
        address = address == null ? "" : address;
        apiAddress = apiAddress == null ? "" : apiAddress;
        zone = zone == null ? "" : zone;
        capabilities = capabilities == null ? NodeCapabilities.NONE : capabilities;
        identityKey = identityKey == null ? "" : identityKey;
        if (identityKey.length() > 1000) {
            throw new IllegalArgumentException("node " + nodeId + ": identity key longer than 1000 characters");
        }
    }

    /** A node without an identity key. */
    public NodeJoin(String nodeId, NodeRole role, String address, String apiAddress, String zone, NodeCapabilities capabilities,
                    Resources capacity, long timestamp) {
        this(nodeId, role, address, apiAddress, zone, capabilities, capacity, timestamp, "");
    }
}
