package io.cell0.coordinator.health;

import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.model.AgentState;
import io.cell0.model.NodeStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at Raft every {@code tickMs} in the background: feeds the {@link LeaderTimeline} (term age,
 * time without a leader, election durations) and keeps the gauges current — replication lag per
 * follower, the term, nodes by status, agents by state — so neither a health call nor a scrape does
 * that work. The replicated state is read every tenth tick only (it can hold many agents).
 */
public final class RaftWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RaftWatch.class);
    private static final int STATE_EVERY_TICKS = 10;

    private final ConsensusNode consensus;
    private final MeterRegistry registry;
    private final NodeHealthMetrics nodeMetrics;
    private final ToDoubleFunction<String> phiSource;
    private final LongSupplier monotonicMs;
    private final LeaderTimeline timeline;
    private final Timer elections;
    private final Map<String, Double> lag = new ConcurrentHashMap<>();
    private final Map<NodeStatus, Long> nodesByStatus = new ConcurrentHashMap<>();
    private final Map<AgentState, Long> agentsByState = new ConcurrentHashMap<>();
    private final Map<String, NodeStatus> lastStatus = new HashMap<>();
    private volatile long term;
    private final ScheduledExecutorService timer;
    private long ticks;

    /** @param phiSource a node's phi on this node (NaN where it has none); null: no phi gauges */
    public RaftWatch(ConsensusNode consensus, MeterRegistry registry, NodeHealthMetrics nodeMetrics, ToDoubleFunction<String> phiSource,
                     LongSupplier monotonicMs, long tickMs) {
        this.consensus = consensus;
        this.registry = registry;
        this.nodeMetrics = nodeMetrics;
        this.phiSource = phiSource;
        this.monotonicMs = monotonicMs;
        this.timeline = new LeaderTimeline(monotonicMs.getAsLong());
        // Seed target: a new leader within 1 s; the bucket lets Prometheus count elections over it.
        this.elections = Timer.builder("cell0.consensus.leader.election")
                .description("From this node's last contact with the old leader to knowing the leader of a newer term")
                .publishPercentiles(0.5, 0.99).serviceLevelObjectives(Duration.ofSeconds(1)).register(registry);
        Gauge.builder("cell0.consensus.term", () -> term).description("Raft term this node is in").register(registry);
        for (NodeStatus s : NodeStatus.values()) {
            nodesByStatus.put(s, 0L);
            Gauge.builder("cell0.nodes", () -> nodesByStatus.get(s)).tag("status", NodeHealthMetrics.lower(s))
                    .description("Nodes in the replicated state, by status").register(registry);
        }
        for (AgentState s : AgentState.values()) {
            agentsByState.put(s, 0L);
            Gauge.builder("cell0.agents", () -> agentsByState.get(s)).tag("state", NodeHealthMetrics.lower(s))
                    .description("Agents in the replicated state, by state").register(registry);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cell0-raft-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 0, tickMs, TimeUnit.MILLISECONDS);
    }

    public LeaderTimeline.Snapshot timeline() {
        return timeline.snapshot();
    }

    private void tick() {
        try {
            observeRaft();
            if (ticks++ % STATE_EVERY_TICKS == 0) {
                observeState();
            }
        } catch (RuntimeException e) {
            // Start-up and shutdown; the next tick tries again.
            log.debug("raft watch tick failed", e);
        }
    }

    private void observeRaft() {
        ConsensusNode.RaftIntrospection r = consensus.introspect();
        long now = monotonicMs.getAsLong();
        term = r.term();
        OptionalLong election = timeline.observe(now, r.term(), r.leaderId(), r.leaderContactMs());
        election.ifPresent(ms -> elections.record(ms, TimeUnit.MILLISECONDS));
        Map<String, Double> current = new HashMap<>();
        if ("leader".equals(r.role())) {
            for (ConsensusNode.FollowerProgress f : r.followers()) {
                current.put(f.id(), (double) ReplicationCheck.lag(r.commitIndex(), f.matchIndex()));
            }
        }
        for (String id : current.keySet()) {
            if (!lag.containsKey(id)) {
                lag.put(id, Double.NaN);
                Gauge.builder("cell0.replication.lag", () -> lag.getOrDefault(id, Double.NaN)).tag("follower", id).baseUnit("entries")
                        .description("Log entries a follower is behind the leader's commit index, measured on the leader (NaN elsewhere)")
                        .register(registry);
            }
        }
        lag.replaceAll((id, old) -> current.getOrDefault(id, Double.NaN));
    }

    private void observeState() {
        record Counts(Map<NodeStatus, Long> nodes, Map<AgentState, Long> agents, Map<String, NodeStatus> statuses) {
        }
        Counts counts = consensus.read(state -> {
            Map<NodeStatus, Long> nodes = new EnumMap<>(NodeStatus.class);
            Map<String, NodeStatus> statuses = new HashMap<>();
            state.nodes().values().forEach(n -> {
                nodes.merge(n.status(), 1L, Long::sum);
                statuses.put(n.id(), n.status());
            });
            Map<AgentState, Long> agents = new EnumMap<>(AgentState.class);
            state.agents().values().forEach(a -> agents.merge(a.state(), 1L, Long::sum));
            return new Counts(nodes, agents, statuses);
        });
        nodesByStatus.replaceAll((s, old) -> counts.nodes().getOrDefault(s, 0L));
        agentsByState.replaceAll((s, old) -> counts.agents().getOrDefault(s, 0L));
        counts.statuses().forEach((id, status) -> {
            NodeStatus before = lastStatus.put(id, status);
            if (before == null) {
                if (phiSource != null) {
                    nodeMetrics.phi(id, () -> phiSource.applyAsDouble(id));
                }
            } else {
                nodeMetrics.statusChanged(id, before, status);
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
