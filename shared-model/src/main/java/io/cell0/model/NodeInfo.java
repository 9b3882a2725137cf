package io.cell0.model;

/**
 * A node as the replicated state knows it (seed {@code NodeInfo}).
 *
 * @param address       the node's Raft (gRPC) address, host:port
 * @param apiAddress    the node's REST address, host:port
 * @param lastHeartbeat epoch millis of the last heartbeat committed for it (0 = none yet)
 * @param joinedAt      epoch millis stamped on its {@code NodeJoin}
 */
public record NodeInfo(String id, NodeRole role, String address, String apiAddress, NodeCapabilities capabilities,
                       ResourceCapacity resources, NodeStatus status, long lastHeartbeat, long joinedAt,
                       String zone) {

    public NodeInfo {
        Ids.requireId("node id", id);
        if (role == null || status == null || resources == null || capabilities == null) {
            throw new IllegalArgumentException("node " + id + ": role, status, resources and capabilities are required");
        }
        address = address == null ? "" : address;
        apiAddress = apiAddress == null ? "" : apiAddress;
        zone = zone == null ? "" : zone;
    }

    public NodeInfo withResources(ResourceCapacity r) {
        return new NodeInfo(id, role, address, apiAddress, capabilities, r, status, lastHeartbeat, joinedAt, zone);
    }

    public NodeInfo withStatus(NodeStatus s) {
        return new NodeInfo(id, role, address, apiAddress, capabilities, resources, s, lastHeartbeat, joinedAt, zone);
    }
}
