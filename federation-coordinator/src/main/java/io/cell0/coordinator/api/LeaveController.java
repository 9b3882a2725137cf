package io.cell0.coordinator.api;

import io.cell0.coordinator.config.ConsensusProperties;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.coordinator.consensus.ConsensusUnavailableException;
import io.cell0.model.NodeInfo;
import io.cell0.model.NodeStatus;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.NodeLeave;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's {@code POST /federation/leave}: takes a node out of the cluster. Graceful (the default)
 * first hands leadership to another voter if the node leads; then {@code NodeLeave} is committed (its
 * agents are placed elsewhere, nothing is dropped) and the node is removed from the Raft
 * configuration. The node itself notices and shuts down ({@code LeaveWatcher}). {@code graceful:
 * false} removes a dead node the same way without the hand-over. Repeating a leave that stopped half
 * way finishes it.
 */
@RestController
class LeaveController {
    private static final Logger log = LoggerFactory.getLogger(LeaveController.class);

    private final ClusterGateway cluster;
    private final ConsensusNode consensus;
    private final Clock clock;
    private final long timeoutMs;

    LeaveController(ClusterGateway cluster, ConsensusNode consensus, Clock clock, ConsensusProperties properties) {
        this.cluster = cluster;
        this.consensus = consensus;
        this.clock = clock;
        this.timeoutMs = Math.max(5_000, properties.requestTimeoutMs());
    }

    record LeaveBody(@NotBlank(message = "is required") String nodeId, Boolean graceful) {
    }

    /**
     * @param index          the log index of the committed {@code NodeLeave} (0 when it was committed before)
     * @param raftVoters     the voters after the removal, as this node knows them
     * @param raftListeners  the listeners (observers) after the removal
     */
    record LeaveResult(String nodeId, boolean left, boolean graceful, long index, List<String> raftVoters, List<String> raftListeners) {
    }

    @PostMapping("/federation/leave")
    LeaveResult leave(@Valid @RequestBody LeaveBody body) {
        String id = AgentRequests.checkedNodeId(body.nodeId());
        boolean graceful = body.graceful() == null || body.graceful();
        NodeInfo node = cluster.read(false, s -> s.node(id))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "urn:cell0:problem:unknown-node", "no node " + id));
        ConsensusNode.Membership membership = consensus.membership();
        boolean member = membership.contains(id);
        if (member && membership.voters().equals(List.of(id))) {
            throw new ApiException(HttpStatus.CONFLICT, "urn:cell0:problem:last-voter",
                    "node " + id + " is the only voter; a cluster cannot lose its last voter");
        }
        long index = 0;
        try {
            if (graceful && member && id.equals(consensus.status().leaderId())) {
                handOver(id, membership);
            }
            if (node.status() != NodeStatus.LEFT) {
                CommandResult r = Rejections.requireAccepted(cluster.submit(new NodeLeave(id, clock.millis())));
                index = r.index();
            }
            if (member) {
                consensus.removeMember(id, timeoutMs);
            }
        } catch (IOException e) {
            throw new ConsensusUnavailableException("leave of " + id + " not finished: " + e.getMessage()
                    + "; the node is marked as left if that step was reached, repeat the request to finish", e);
        }
        ConsensusNode.Membership after = consensus.membership();
        log.info("node {} left the cluster ({}); voters now {}, listeners {}", id, graceful ? "graceful" : "removed", after.voters(),
                after.listeners());
        return new LeaveResult(id, true, graceful, index, after.voters(), after.listeners());
    }

    /** Leadership goes to another voter first, so the cluster is not leaderless while the leader leaves. */
    private void handOver(String id, ConsensusNode.Membership membership) throws IOException {
        String to = membership.voters().stream().filter(v -> !v.equals(id)).findFirst().orElseThrow();
        log.info("node {} leaves while leading: handing leadership to {}", id, to);
        consensus.transferLeadership(to, timeoutMs);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (id.equals(consensus.status().leaderId()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while leadership moved", e);
            }
        }
    }
}
