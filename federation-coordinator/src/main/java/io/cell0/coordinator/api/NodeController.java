package io.cell0.coordinator.api;

import io.cell0.coordinator.core.ClusterState;
import io.cell0.model.AgentPlacement;
import io.cell0.model.NodeInfo;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.NodeDrain;
import io.cell0.model.command.RejectReason;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Nodes as the replicated state knows them, and drains: {@code POST /federation/nodes/{id}/drain}
 * commits a {@code NodeDrain}; the leader's {@code DrainLoop} then moves the agents away. Progress
 * is read back from the state, so every node answers the same.
 */
@RestController
class NodeController {
    private final ClusterGateway cluster;
    private final Clock clock;

    NodeController(ClusterGateway cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    record NodeList(long appliedIndex, List<Views.NodeView> nodes) {
    }

    /** One copy still on the node, or one it has to confirm stopped. */
    record DrainAgent(String agentId, String copy, String state) {
    }

    /**
     * @param phase        {@code draining} (agents remain or copies still to confirm stopped),
     *                     {@code drained} (nothing left) or {@code not_draining}
     * @param agentsOnNode agents with a copy still placed here
     * @param agentsToStop agents whose copy was moved away and that this node has not yet confirmed stopped
     */
    record DrainProgress(String nodeId, boolean draining, String phase, String nodeStatus, int agentsOnNode, int agentsToStop,
                         List<DrainAgent> agents, long appliedIndex) {
    }

    @GetMapping("/federation/nodes")
    NodeList list(@RequestParam(defaultValue = "false") boolean stale) {
        return cluster.read(stale, s -> new NodeList(s.appliedIndex(), s.nodes().values().stream().map(Views.NodeView::of).toList()));
    }

    @GetMapping("/federation/nodes/{nodeId}")
    Views.NodeView one(@PathVariable String nodeId, @RequestParam(defaultValue = "false") boolean stale) {
        String id = AgentRequests.checkedNodeId(nodeId);
        return cluster.read(stale, s -> s.node(id).map(Views.NodeView::of)).orElseThrow(() -> unknown(id));
    }

    @PostMapping("/federation/nodes/{nodeId}/drain")
    ResponseEntity<DrainProgress> drain(@PathVariable String nodeId) {
        String id = AgentRequests.checkedNodeId(nodeId);
        submit(new NodeDrain(id, true, clock.millis()), id);
        return ResponseEntity.accepted().location(URI.create("/federation/nodes/" + id + "/drain")).body(progress(id, false));
    }

    @GetMapping("/federation/nodes/{nodeId}/drain")
    DrainProgress progress(@PathVariable String nodeId, @RequestParam(defaultValue = "false") boolean stale) {
        String id = AgentRequests.checkedNodeId(nodeId);
        return cluster.read(stale, s -> s.node(id).map(n -> progress(s, n))).orElseThrow(() -> unknown(id));
    }

    @DeleteMapping("/federation/nodes/{nodeId}/drain")
    DrainProgress undrain(@PathVariable String nodeId) {
        String id = AgentRequests.checkedNodeId(nodeId);
        submit(new NodeDrain(id, false, clock.millis()), id);
        return progress(id, false);
    }

    private void submit(NodeDrain command, String id) {
        CommandResult result = cluster.submit(command);
        if (!result.isAccepted() && result.reason() == RejectReason.UNKNOWN_NODE) {
            throw unknown(id);
        }
        Rejections.requireAccepted(result);
    }

    static DrainProgress progress(ClusterState s, NodeInfo n) {
        List<DrainAgent> agents = new ArrayList<>();
        int on = 0;
        int toStop = 0;
        for (AgentPlacement a : s.agents().values()) {
            if (a.usesNode(n.id())) {
                on++;
                agents.add(new DrainAgent(a.agentId(), a.primaryNode().equals(n.id()) ? "primary" : "replica", Views.lower(a.state())));
            } else if (a.stopping().contains(n.id())) {
                toStop++;
                agents.add(new DrainAgent(a.agentId(), "stopping", Views.lower(a.state())));
            }
        }
        String phase = !n.draining() ? "not_draining" : on + toStop == 0 ? "drained" : "draining";
        return new DrainProgress(n.id(), n.draining(), phase, Views.lower(n.status()), on, toStop, agents, s.appliedIndex());
    }

    private static ApiException unknown(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "urn:cell0:problem:unknown-node", "no node " + id);
    }
}
