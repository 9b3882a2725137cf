package io.cell0.coordinator.health;

import io.cell0.coordinator.config.HealthProperties;
import io.cell0.coordinator.config.NodeProperties;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.coordinator.failure.FailureMonitor;
import io.cell0.coordinator.security.TransportSecurity;
import io.cell0.model.NodeStatus;
import io.cell0.model.Resources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicators behind the groups declared in application.properties, and the seed's
 * cluster metrics. Indicator names end in {@code Check} because Actuator refuses a contributor named
 * like a group: group {@code consensus} holds indicator {@code consensusCheck}, and so on.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {
    /** Monotonic milliseconds for every duration measured here. */
    static final LongSupplier MONOTONIC_MS = () -> System.nanoTime() / 1_000_000;
    private static final long WATCH_TICK_MS = 100;

    @Bean
    NodeHealthMetrics nodeHealthMetrics(MeterRegistry registry) {
        return new NodeHealthMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    RaftWatch raftWatch(ConsensusNode consensus, MeterRegistry registry, NodeHealthMetrics nodeMetrics,
                        ObjectProvider<FailureMonitor> monitor) {
        FailureMonitor m = monitor.getIfAvailable();
        ToDoubleFunction<String> phi = m == null ? null
                : id -> m.judgement(id, MONOTONIC_MS.getAsLong(), NodeStatus.HEALTHY).map(FailureMonitor.Judgement::phi).orElse(Double.NaN);
        return new RaftWatch(consensus, registry, nodeMetrics, phi, MONOTONIC_MS, WATCH_TICK_MS);
    }

    /**
     * The probes' HTTP client comes from {@link TransportSecurity}, the one factory of clients for
     * other nodes' APIs: with TLS on it presents this node's certificate and trusts only the cluster CA.
     */
    @Bean(destroyMethod = "close")
    PeerProber peerProber(ConsensusNode consensus, NodeProperties node, HealthProperties health, TransportSecurity transport,
                          MeterRegistry registry) {
        String scheme = transport.scheme();
        return new PeerProber(() -> consensus.read(state -> state.nodes().values().stream()
                .filter(n -> !n.id().equals(consensus.selfId()) && n.status() != NodeStatus.LEFT && !n.apiAddress().isBlank())
                .map(n -> new PeerProber.Target(n.id(), n.zone(), scheme + "://" + n.apiAddress())).toList()),
                transport.httpClient(Duration.ofMillis(health.probeTimeoutMs())), node.zone(), health.probeIntervalMs(),
                health.probeTimeoutMs(), registry);
    }

    /**
     * Seed "Migration Time" (target under 5 s). Registered so dashboards and alerts can be written now;
     * nothing records it yet: the migration protocol (issue 7) does not exist.
     */
    @Bean
    Timer migrationTimer(MeterRegistry registry) {
        return Timer.builder("cell0.migration.duration").description("Duration of an agent migration, first step to clean-up")
                .publishPercentiles(0.5, 0.99).serviceLevelObjectives(Duration.ofSeconds(5)).register(registry);
    }

    @Bean
    HealthIndicator consensusCheck(ConsensusNode consensus, RaftWatch watch, HealthProperties health) {
        ConsensusCheck.Thresholds t = new ConsensusCheck.Thresholds(health.quorumContactMs(), health.leaderlessCriticalMs(),
                health.termStableMs());
        return () -> {
            ConsensusNode.RaftIntrospection r = consensus.introspect();
            long now = MONOTONIC_MS.getAsLong();
            LeaderTimeline.Snapshot timeline = watch.timeline();
            Set<String> voters = Set.copyOf(r.voters());
            Map<String, Long> silence = r.followers().stream().filter(f -> voters.contains(f.id()))
                    .collect(Collectors.toMap(ConsensusNode.FollowerProgress::id, ConsensusNode.FollowerProgress::silenceMs));
            // The watch ticks every 100 ms; what this call sees itself is newer.
            long leaderless = r.leaderId() == null ? Math.max(timeline.leaderlessMs(now), 0) : 0;
            return ConsensusCheck.evaluate(new ConsensusCheck.Observation(consensus.selfId(), r.role(), r.term(), r.leaderId(),
                    voters.size(), voters.contains(consensus.selfId()), silence, r.leaderContactMs(), leaderless,
                    timeline.termAgeMs(now), r.commitIndex(), r.appliedIndex()), t).toHealth();
        };
    }

    @Bean
    HealthIndicator replicationCheck(ConsensusNode consensus, HealthProperties health) {
        return () -> {
            ConsensusNode.RaftIntrospection r = consensus.introspect();
            Set<String> voters = Set.copyOf(r.voters());
            List<ReplicationCheck.Follower> followers = r.followers().stream()
                    .map(f -> new ReplicationCheck.Follower(f.id(), voters.contains(f.id()), f.matchIndex(), f.silenceMs())).toList();
            return ReplicationCheck.evaluate(new ReplicationCheck.Observation(r.role(), r.leaderId(), r.commitIndex(), r.appliedIndex(),
                    followers), health.replicationWarningEntries()).toHealth();
        };
    }

    @Bean
    HealthIndicator connectivityCheck(PeerProber prober, NodeProperties node, HealthProperties health) {
        return () -> ConnectivityCheck.evaluate(node.zone(), prober.peers(), health.crossZoneWarningMs()).toHealth();
    }

    @Bean
    HealthIndicator capacityCheck(ConsensusNode consensus, HealthProperties health) {
        HealthProperties.TypicalAgent a = health.typicalAgent();
        Resources typical = new Resources(a.cpuMillis(), a.memoryMb(), a.gpus(), a.storageMb());
        return () -> CapacityCheck.evaluate(consensus.read(state -> new CapacityCheck.Observation(
                state.nodes().values().stream().map(n -> new CapacityCheck.Node(n.id(), n.status(), n.resources().total(),
                        n.resources().allocated())).toList(),
                state.agents().values().stream().map(p -> p.config().resources()).toList())),
                health.capacityWarningFreeRatio(), typical).toHealth();
    }

    /**
     * Readiness, the Raft part: this node can serve its API once its Raft server runs. It stays ready
     * without a leader (see README, "Health and metrics").
     */
    @Bean
    HealthIndicator raftServing(ConsensusNode consensus) {
        return () -> {
            String state = consensus.introspect().lifeCycle();
            return Health.status("RUNNING".equals(state) ? Status.UP : Status.OUT_OF_SERVICE).withDetail("raft_server", state).build();
        };
    }

    /** Liveness, the Raft part: the Raft server has not stopped or failed for good. */
    @Bean
    HealthIndicator raftAlive(ConsensusNode consensus) {
        return () -> {
            String state = consensus.introspect().lifeCycle();
            boolean dead = state.equals("CLOSING") || state.equals("CLOSED") || state.equals("EXCEPTION");
            return Health.status(dead ? Status.DOWN : Status.UP).withDetail("raft_server", state).build();
        };
    }
}
