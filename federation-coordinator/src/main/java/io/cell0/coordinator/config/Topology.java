package io.cell0.coordinator.config;

import io.cell0.model.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The initial Raft membership worked out from federation.yaml, checked once at start-up so that a
 * wrong peer list stops the node with a message naming the key instead of a cluster that never
 * elects a leader.
 *
 * @param selfId  this node's id
 * @param groupId Raft group id, derived from {@code cluster.id} so every node of a cluster agrees
 */
public record Topology(String selfId, NodeRole selfRole, UUID groupId, List<Peer> voters, List<Peer> observers) {
    /** The Raft group id of a cluster: every node derives the same one from {@code cluster.id}. */
    public static UUID groupIdOf(String clusterId) {
        return UUID.nameUUIDFromBytes(("cell0-cluster:" + clusterId).getBytes(StandardCharsets.UTF_8));
    }


    public record Peer(String id, String address) {
        static Peer parse(String key, String spec) {
            int at = spec.lastIndexOf('@');
            if (at <= 0) {
                throw new InvalidConfigurationException(key, "'" + spec + "' " + FederationProperties.PEER_MESSAGE);
            }
            return new Peer(spec.substring(0, at), spec.substring(at + 1));
        }
    }

    public static Topology resolve(ClusterProperties cluster, NodeProperties node, FederationProperties federation) {
        List<Peer> voters = parseAll("federation.bootstrap", federation.bootstrap());
        List<Peer> observers = parseAll("federation.observers", federation.observers());
        checkUnique(voters, observers);

        String selfId = node.id();
        if (selfId.isEmpty()) {
            selfId = idFromPeers(node.address(), voters, observers);
        }
        if (selfId.isEmpty()) {
            selfId = persistedOrNewId(Path.of(node.dataDir()));
        }
        boolean listedAsObserver = contains(observers, selfId);
        boolean listedAsVoter = contains(voters, selfId);
        if (voters.isEmpty()) {
            if (!observers.isEmpty()) {
                throw new InvalidConfigurationException("federation.bootstrap", "observers need at least one voter in federation.bootstrap");
            }
            // Development mode (seed "Single Node"): a group of one voter, this node.
            voters = List.of(new Peer(selfId, node.address()));
            listedAsVoter = true;
        }
        if (!listedAsVoter && !listedAsObserver) {
            throw new InvalidConfigurationException("node.id", "node '" + selfId + "' is in neither federation.bootstrap nor federation.observers; "
                    + "joining a running cluster needs a join token (federation.auto_join)");
        }
        Peer self = find(listedAsVoter ? voters : observers, selfId);
        if (!self.address().equals(node.address())) {
            throw new InvalidConfigurationException("node.address", "is " + node.address() + " but the peer list gives "
                    + self.address() + " for node '" + selfId + "'");
        }
        NodeRole role = node.role().membership(listedAsObserver);
        if (role == NodeRole.OBSERVER && listedAsVoter || role == NodeRole.VOTER && listedAsObserver) {
            throw new InvalidConfigurationException("node.role", "is " + node.role() + " but node '" + selfId + "' is listed in "
                    + (listedAsVoter ? "federation.bootstrap (voters)" : "federation.observers"));
        }
        UUID group = groupIdOf(cluster.id());
        return new Topology(selfId, role, group, List.copyOf(voters), List.copyOf(observers));
    }

    private static List<Peer> parseAll(String key, List<String> specs) {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            peers.add(Peer.parse(key + "[" + i + "]", specs.get(i)));
        }
        return peers;
    }

    private static void checkUnique(List<Peer> voters, List<Peer> observers) {
        Set<String> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        List<Peer> all = new ArrayList<>(voters);
        all.addAll(observers);
        for (Peer p : all) {
            if (!ids.add(p.id())) {
                throw new InvalidConfigurationException("federation.bootstrap", "node id '" + p.id() + "' is listed twice");
            }
            if (!addresses.add(p.address())) {
                throw new InvalidConfigurationException("federation.bootstrap", "address " + p.address() + " is listed twice");
            }
        }
    }

    private static String idFromPeers(String address, List<Peer> voters, List<Peer> observers) {
        for (List<Peer> list : List.of(voters, observers)) {
            for (Peer p : list) {
                if (p.address().equals(address)) {
                    return p.id();
                }
            }
        }
        return "";
    }

    private static boolean contains(List<Peer> peers, String id) {
        return peers.stream().anyMatch(p -> p.id().equals(id));
    }

    private static Peer find(List<Peer> peers, String id) {
        return peers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * A node started without an id keeps the one it generated the first time. The security issue
     * replaces this with an id derived from the node's Ed25519 key.
     */
    private static String persistedOrNewId(Path dataDir) {
        Path file = dataDir.resolve("node-id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] random = new byte[6];
            new SecureRandom().nextBytes(random);
            String id = "node-" + HexFormat.of().formatHex(random);
            Files.createDirectories(dataDir);
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + " (node.data_dir)", e);
        }
    }
}
