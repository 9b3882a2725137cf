package io.cell0.coordinator.consensus;

import io.cell0.coordinator.config.NodeProperties;
import io.cell0.model.NodeCapabilities;
import io.cell0.model.NodeInfo;
import io.cell0.model.NodeStatus;
import io.cell0.model.Resources;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.NodeJoin;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records this node in the replicated node registry once a leader exists (a {@code NodeJoin} of
 * itself), and again after a restart if its address, zone or capacity changed. Runs on its own
 * thread so start-up never waits for a quorum.
 */
public final class NodeRegistrar implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeRegistrar.class);

    private final ConsensusNode consensus;
    private final NodeProperties node;
    private final Clock clock;
    private final String identityKey;
    private final Thread thread;
    private volatile boolean closed;

    /** @param identityKey this node's Ed25519 identity public key (PEM), or empty without one */
    public NodeRegistrar(ConsensusNode consensus, NodeProperties node, Clock clock, String identityKey) {
        this.consensus = consensus;
        this.node = node;
        this.clock = clock;
        this.identityKey = identityKey;
        this.thread = new Thread(this::run, "cell0-registrar");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The capacity this node offers, from the seed's {@code node.capabilities} block. */
    public static Resources capacityOf(NodeProperties node) {
        var c = node.capabilities();
        return new Resources(Math.round(c.compute().cpus() * 1000), Math.round(c.compute().memoryGb() * 1024),
                c.compute().gpus(), (c.storage().localGb() + c.storage().nvmeGb()) * 1024);
    }

    private NodeJoin joinCommand() {
        return new NodeJoin(consensus.selfId(), consensus.selfRole(), node.address(), node.apiAddress(), node.zone(),
                new NodeCapabilities(node.capabilities().tags()), capacityOf(node), clock.millis(), identityKey);
    }

    private boolean upToDate(NodeJoin join) {
        Optional<NodeInfo> known = consensus.read(s -> s.node(join.nodeId()));
        return known.filter(n -> n.status() == NodeStatus.HEALTHY && n.address().equals(join.address())
                && n.apiAddress().equals(join.apiAddress()) && n.zone().equals(join.zone()) && n.role() == join.role()
                && n.capabilities().equals(join.capabilities()) && n.resources().total().equals(join.capacity())
                && (join.identityKey().isEmpty() || n.identityKey().equals(join.identityKey()))).isPresent();
    }

    private void run() {
        long backoffMs = 100;
        while (!closed) {
            try {
                consensus.readBarrier().get(5, TimeUnit.SECONDS);
                NodeJoin join = joinCommand();
                if (consensus.read(s -> s.node(join.nodeId()).map(n -> n.status() == NodeStatus.LEFT).orElse(false))) {
                    log.warn("node {} has left the cluster; not registering it again (a node that left joins anew)", join.nodeId());
                    return;
                }
                if (upToDate(join)) {
                    log.info("node {} is registered", join.nodeId());
                    return;
                }
                CommandResult r = consensus.propose(join).get(10, TimeUnit.SECONDS);
                if (r.isAccepted()) {
                    log.info("node {} registered at index {}", join.nodeId(), r.index());
                    return;
                }
                log.error("node {} registration refused: {} {}", join.nodeId(), r.reason(), r.message());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.debug("registration not done yet: {}", e.toString());
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoffMs = Math.min(2000, backoffMs * 2);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
