package io.cell0.coordinator.drain;

import io.cell0.coordinator.config.DrainProperties;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.model.command.AgentEvict;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the leader, every {@code drain.interval_ms}: proposes the evictions {@link DrainPlanner} picks.
 * The scheduler then places the evicted copies elsewhere (a draining node takes no new work), and the
 * node runtimes start a new copy only after the drained node confirmed the old one stopped.
 */
public final class DrainLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DrainLoop.class);

    private final ConsensusNode consensus;
    private final DrainProperties properties;
    private final Clock clock;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    public DrainLoop(ConsensusNode consensus, DrainProperties properties, Clock clock) {
        this.consensus = consensus;
        this.properties = properties;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cell0-drain");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::tickQuietly, properties.intervalMs(), properties.intervalMs(), TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.debug("drain pass failed", e);
        }
    }

    /** One pass; returns what it proposed. */
    List<AgentEvict> tick() {
        if (!"leader".equals(consensus.status().role())) {
            inFlight.clear();
            return List.of();
        }
        List<AgentEvict> next = consensus.read(s -> DrainPlanner.next(s.nodes().values(), s.agents().values(),
                properties.maxParallel(), inFlight, clock.millis()));
        for (AgentEvict e : next) {
            inFlight.add(e.agentId());
            log.info("drain: taking agent {} off node {}", e.agentId(), e.nodeId());
            consensus.propose(e).whenComplete((r, ex) -> {
                inFlight.remove(e.agentId());
                if (ex != null) {
                    log.warn("drain: evicting agent {} from node {} failed: {}", e.agentId(), e.nodeId(), ex.toString());
                } else if (!r.isAccepted()) {
                    log.info("drain: evicting agent {} from node {} refused: {}", e.agentId(), e.nodeId(), r.message());
                }
            });
        }
        return next;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
