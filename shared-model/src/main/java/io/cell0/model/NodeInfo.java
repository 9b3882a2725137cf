package io.cell0.model;

/**
 * A node as the replicated state knows it (seed {@code NodeInfo}).
 *
 * @param address       the node's Raft (gRPC) address, host:port
 * @param apiAddress    the node's REST address, host:port
 * @param lastHeartbeat epoch millis of the last heartbeat committed for it (0 = none yet)
 * @param joinedAt      epoch millis stamped on its {@code NodeJoin}
 * @param draining      an operator asked for its agents to be moved away; it takes no new ones
 * @param identityKey   the Ed25519 public key (PEM) the node registered with, or empty; its heartbeats
 *                      must be signed with the matching private key, and it cannot change
 */
public record NodeInfo(String id, NodeRole role, String address, String apiAddress, NodeCapabilities capabilities,
                       ResourceCapacity resources, NodeStatus status, long lastHeartbeat, long joinedAt,
                       String zone, boolean draining, String identityKey) {

    public NodeInfo {
        Ids.requireId("node id", id);
        if (role == null || status == null || resources == null || capabilities == null) {
            throw new IllegalArgumentException("node " + id + ": role, status, resources and capabilities are required");
        }
        address = address == null ? "" : address;
        apiAddress = apiAddress == null ? "" : apiAddress;
        zone = zone == null ? "" : zone;
        identityKey = identityKey == null ? "" : identityKey;
    }

    /** A node that is not draining. */
    public NodeInfo(String id, NodeRole role, String address, String apiAddress, NodeCapabilities capabilities,
                    ResourceCapacity resources, NodeStatus status, long lastHeartbeat, long joinedAt, String zone) {
        this(id, role, address, apiAddress, capabilities, resources, status, lastHeartbeat, joinedAt, zone, false, "");
    }

    /** A node without an identity key. */
    public NodeInfo(String id, NodeRole role, String address, String apiAddress, NodeCapabilities capabilities,
                    ResourceCapacity resources, NodeStatus status, long lastHeartbeat, long joinedAt, String zone, boolean draining) {
        this(id, role, address, apiAddress, capabilities, resources, status, lastHeartbeat, joinedAt, zone, draining, "");
    }

    /** Whether new agents or allocations may be placed here: healthy and not draining. */
    public boolean acceptsWork() {
        return status.acceptsWork() && !draining;
    }

    public NodeInfo withResources(ResourceCapacity r) {
        return new NodeInfo(id, role, address, apiAddress, capabilities, r, status, lastHeartbeat, joinedAt, zone, draining, identityKey);
    }

    public NodeInfo withStatus(NodeStatus s) {
        return new NodeInfo(id, role, address, apiAddress, capabilities, resources, s, lastHeartbeat, joinedAt, zone, draining,
                identityKey);
    }

    public NodeInfo withDraining(boolean d) {
        return new NodeInfo(id, role, address, apiAddress, capabilities, resources, status, lastHeartbeat, joinedAt, zone, d,
                identityKey);
    }
}
