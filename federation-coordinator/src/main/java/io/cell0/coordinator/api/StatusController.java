package io.cell0.coordinator.api;

import io.cell0.coordinator.config.ClusterProperties;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.model.BftParams;
import io.cell0.model.NodeInfo;
import io.cell0.model.codec.StateCodec;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /federation/status}: this node's view of the cluster. It is answered from the local
 * replica without a quorum round, so it works on a node cut off from the leader — which is exactly
 * when an operator needs it. Compare {@code state_hash} between nodes at the same
 * {@code applied_index} to check that replicas agree.
 */
@RestController
class StatusController {
    private final ConsensusNode consensus;
    private final ClusterProperties cluster;
    private final int byzantineTolerance;
    private final StateHashCache hashes = new StateHashCache();

    StatusController(ConsensusNode consensus, ClusterProperties cluster, io.cell0.coordinator.config.ConsensusProperties consensusProperties) {
        this.consensus = consensus;
        this.cluster = cluster;
        this.byzantineTolerance = consensusProperties.byzantineTolerance();
    }

    /**
     * Seed "Byzantine Fault Tolerance": {@code voters} n, {@code max_byzantine} f the voter count
     * allows, the configured {@code byzantine_tolerance}, and the {@code quorum_size} 2f + 1 that
     * quarantine votes need with it.
     */
    record Bft(int voters, int maxByzantine, int byzantineTolerance, int quorumSize) {
    }

    record NodeSummary(String nodeId, String role, String status, String address, String apiAddress, String zone,
                       long joinedAt) {
        static NodeSummary of(NodeInfo n) {
            return new NodeSummary(n.id(), lower(n.role()), lower(n.status()), n.address(), n.apiAddress(), n.zone(), n.joinedAt());
        }
    }

    record Status(String clusterId, String nodeId, String membership, String role, String leader, String health,
                  long term, long epoch, long commitIndex, long appliedIndex, long stateIndex, long configVersion,
                  String stateHash, List<String> voters, List<String> observers, List<NodeSummary> nodes, Bft bft) {
    }

    @GetMapping("/federation/status")
    Status status() {
        ConsensusNode.RaftStatus raft = consensus.status();
        record Local(long stateIndex, long epoch, long configVersion, String hash, List<NodeSummary> nodes) {
        }
        Local local = consensus.read(state -> new Local(state.appliedIndex(), state.epoch(), state.configVersion(),
                hashes.hash(state.appliedIndex(), state.epoch(), () -> StateCodec.sha256Hex(state.view())),
                state.nodes().values().stream().map(NodeSummary::of).toList()));
        // Until the health groups exist, a node that knows a leader is healthy and one that does not is critical.
        String health = raft.leaderId() == null ? "critical" : "healthy";
        return new Status(cluster.id(), consensus.selfId(), lower(consensus.selfRole()), raft.role(), raft.leaderId(), health,
                raft.term(), local.epoch(), raft.commitIndex(), raft.appliedIndex(), local.stateIndex(), local.configVersion(),
                local.hash(), raft.voters(), raft.observers(), local.nodes(), bft(raft.voters().size()));
    }

    private Bft bft(int voters) {
        int n = Math.max(1, voters);
        return new Bft(n, BftParams.forNodeCount(n).maxByzantine(), byzantineTolerance, BftParams.forTolerance(byzantineTolerance).quorumSize());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
