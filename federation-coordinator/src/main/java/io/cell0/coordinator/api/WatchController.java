package io.cell0.coordinator.api;

import io.cell0.coordinator.consensus.AppliedIndexWaiter;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.coordinator.consensus.ConsensusUnavailableException;
import io.cell0.model.AgentPlacement;
import io.cell0.model.Ids;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /federation/watch?since=N}: a long poll for what changed after log index N. It answers
 * as soon as something changed (or after {@code timeout_ms} with no changes), from this node's
 * replica, so watchers spread over every node and keep working on a node cut off from the leader.
 * The client passes the {@code applied_index} it received as the next {@code since}. When N is older
 * than this node's change journal (or 0), the answer is a full listing with {@code reset: true} and
 * the client replaces what it had.
 *
 * <p>{@code require_leader=true} (what the scheduler asks for): answer 503 instead whenever this
 * node knows no leader — at the start or while waiting — so a watcher moves to another node rather
 * than following a replica that a partition has left behind.
 *
 * <p>{@code node=X} narrows agents to those with a copy on X — what a node's runtime or an edge node
 * needs. An agent that changed but no longer has a copy there is listed in {@code removed_agents}.
 */
@RestController
class WatchController {
    static final long MAX_TIMEOUT_MS = 60_000;

    private final ConsensusNode consensus;
    private final AppliedIndexWaiter applied;
    private final ObjectMapper json;

    WatchController(ConsensusNode consensus, AppliedIndexWaiter applied, ObjectMapper json) {
        this.consensus = consensus;
        this.applied = applied;
        this.json = json;
    }

    record WatchResponse(long appliedIndex, boolean reset, List<Views.NodeView> nodes, List<Views.AgentView> agents,
                         List<String> removedNodes, List<String> removedAgents, boolean configChanged) {
        boolean isEmpty() {
            return !reset && nodes.isEmpty() && agents.isEmpty() && removedNodes.isEmpty() && removedAgents.isEmpty() && !configChanged;
        }
    }

    @GetMapping("/federation/watch")
    WatchResponse watch(@RequestParam(defaultValue = "0") long since,
                        @RequestParam(name = "timeout_ms", defaultValue = "30000") long timeoutMs,
                        @RequestParam(required = false) String node,
                        @RequestParam(name = "require_leader", defaultValue = "false") boolean requireLeader) throws InterruptedException {
        if (since < 0) {
            throw invalid("since must be >= 0, got " + since);
        }
        if (timeoutMs < 0 || timeoutMs > MAX_TIMEOUT_MS) {
            throw invalid("timeout_ms must be between 0 and " + MAX_TIMEOUT_MS + ", got " + timeoutMs);
        }
        if (node != null && !Ids.isValidId(node)) {
            throw invalid("node must be a node id (letters, digits, '.', '-', '_' or ':'), got '" + node + "'");
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        long from = since;
        while (true) {
            if (requireLeader && consensus.status().leaderId() == null) {
                throw new ConsensusUnavailableException("this node knows no leader: its replica may be behind; watch another node");
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (applied.current() <= from && left > 0) {
                // In slices of at most a second, so a leader lost while waiting is noticed.
                applied.awaitApplied(from + 1, requireLeader ? Math.min(left, 1_000) : left);
                if (applied.current() <= from && (deadline - System.nanoTime()) > 0) {
                    continue;
                }
            }
            WatchResponse r = read(from, since, node);
            left = (deadline - System.nanoTime()) / 1_000_000L;
            if (!r.isEmpty() || left <= 0) {
                return r;
            }
            // Only entries that changed nothing we show (no-ops, other nodes' agents): keep waiting.
            from = Math.max(from, r.appliedIndex());
        }
    }

    private WatchResponse read(long from, long since, String node) {
        return consensus.readChanges(from, (state, changed) -> {
            List<Views.NodeView> nodes = new ArrayList<>();
            List<Views.AgentView> agents = new ArrayList<>();
            List<String> removedNodes = new ArrayList<>();
            List<String> removedAgents = new ArrayList<>();
            boolean reset = since == 0 || !changed.complete();
            if (reset) {
                state.nodes().values().forEach(n -> nodes.add(Views.NodeView.of(n)));
                for (AgentPlacement a : state.agents().values()) {
                    if (node == null || a.usesNode(node)) {
                        agents.add(Views.AgentView.of(a, json));
                    }
                }
                return new WatchResponse(state.appliedIndex(), true, nodes, agents, removedNodes, removedAgents, true);
            }
            for (String id : changed.nodes()) {
                state.node(id).ifPresentOrElse(n -> nodes.add(Views.NodeView.of(n)), () -> removedNodes.add(id));
            }
            for (String id : changed.agents()) {
                var a = state.agent(id);
                if (a.isPresent() && (node == null || a.get().usesNode(node))) {
                    agents.add(Views.AgentView.of(a.get(), json));
                } else {
                    removedAgents.add(id);
                }
            }
            return new WatchResponse(state.appliedIndex(), false, nodes, agents, removedNodes, removedAgents, changed.config());
        });
    }

    private static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "urn:cell0:problem:invalid-parameter", detail);
    }
}
