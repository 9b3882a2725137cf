package io.cell0.coordinator.api;

import io.cell0.coordinator.config.FailureDetectionProperties;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.coordinator.failure.FailureMonitor;
import io.cell0.model.Ids;
import io.cell0.model.NodeInfo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /federation/heartbeats}: a node's heartbeat to the leader, answered with whether its
 * lease was granted. {@code GET /federation/failure-detector}: the leader's current judgement of
 * every node (phi, silence). Both only on the leader; elsewhere 421 with the leader's id.
 */
@RestController
class HeartbeatController {
    private final FailureMonitor monitor;
    private final ConsensusNode consensus;
    private final FailureDetectionProperties properties;
    private final io.cell0.coordinator.failure.HeartbeatSignatures signatures;

    HeartbeatController(FailureMonitor monitor, ConsensusNode consensus, FailureDetectionProperties properties,
                        io.cell0.coordinator.failure.HeartbeatSignatures signatures) {
        this.monitor = monitor;
        this.consensus = consensus;
        this.properties = properties;
        this.signatures = signatures;
    }

    record HeartbeatBody(@NotBlank(message = "is required") String nodeId,
                         @NotNull(message = "is required") @Min(value = 0, message = "must be >= 0") Long seq,
                         Long sentAtMs, Double cpuLoad, Long memoryUsedMb, Integer agentsRunning, String signature) {
    }

    record HeartbeatAck(String leader, long term, boolean leaseGranted, long leaseMs, long commitIndex) {
    }

    record Judgement(String nodeId, String status, Double phi, Long silenceMs, boolean heard) {
    }

    record Detector(String leader, long term, double phiThreshold, double suspectThreshold, long acceptablePauseMs, long leaseMs,
                    List<Judgement> nodes) {
    }

    @PostMapping("/federation/heartbeats")
    HeartbeatAck heartbeat(@Valid @RequestBody HeartbeatBody body) {
        if (!Ids.isValidId(body.nodeId())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "urn:cell0:problem:invalid-request", "node_id: not a valid node id");
        }
        var node = consensus.read(s -> s.node(body.nodeId()));
        if (node.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "urn:cell0:problem:unknown-node", "no node " + body.nodeId());
        }
        var refusal = signatures.verify(body.nodeId(), body.seq(), body.sentAtMs() == null ? 0 : body.sentAtMs(), body.signature(),
                node.get().identityKey());
        if (refusal.isPresent()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "urn:cell0:problem:bad-heartbeat-signature",
                    "heartbeat for " + body.nodeId() + " refused: " + refusal.get().reason());
        }
        FailureMonitor.Ack ack = monitor.heartbeat(body.nodeId(), System.nanoTime() / 1_000_000);
        if (ack.term() < 0) {
            throw notLeader();
        }
        return new HeartbeatAck(consensus.selfId(), ack.term(), ack.leaseGranted(), properties.leaseMs(), ack.commitIndex());
    }

    @GetMapping("/federation/failure-detector")
    Detector detector() {
        var status = consensus.status();
        if (!"leader".equals(status.role())) {
            throw notLeader();
        }
        long now = System.nanoTime() / 1_000_000;
        List<NodeInfo> nodes = consensus.read(s -> List.copyOf(s.nodes().values()));
        List<Judgement> out = new ArrayList<>();
        for (NodeInfo n : nodes) {
            Optional<FailureMonitor.Judgement> j = monitor.judgement(n.id(), now, n.status());
            out.add(new Judgement(n.id(), n.status().name().toLowerCase(java.util.Locale.ROOT), j.map(FailureMonitor.Judgement::phi).orElse(null),
                    j.map(FailureMonitor.Judgement::silenceMs).orElse(null), j.map(FailureMonitor.Judgement::heard).orElse(false)));
        }
        return new Detector(consensus.selfId(), status.term(), properties.phiThreshold(), properties.suspectThreshold(),
                properties.acceptablePauseMs(), properties.leaseMs(), out);
    }

    private ApiException notLeader() {
        Map<String, Object> props = new LinkedHashMap<>();
        String leader = consensus.status().leaderId();
        if (leader != null) {
            props.put("leader", leader);
        }
        return new ApiException(HttpStatus.MISDIRECTED_REQUEST, "urn:cell0:problem:not-leader",
                "only the leader judges nodes; send to the leader", props);
    }
}
