package io.cell0.coordinator;

import io.cell0.coordinator.config.ClusterProperties;
import io.cell0.coordinator.config.ConsensusProperties;
import io.cell0.coordinator.config.FederationProperties;
import io.cell0.coordinator.config.HostPort;
import io.cell0.coordinator.config.NodeProperties;
import io.cell0.coordinator.config.Topology;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.coordinator.consensus.AppliedIndexWaiter;
import io.cell0.coordinator.consensus.NodeRegistrar;
import io.cell0.coordinator.consensus.StuckFollowerWatchdog;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the consensus node from the validated federation.yaml sections. */
@Configuration(proxyBeanMethods = false)
class CoordinatorConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Topology topology(ClusterProperties cluster, NodeProperties node, FederationProperties federation) {
        return Topology.resolve(cluster, node, federation);
    }

    @Bean
    AppliedIndexWaiter appliedIndexWaiter() {
        return new AppliedIndexWaiter();
    }

    @Bean(destroyMethod = "close")
    ConsensusNode consensusNode(Topology topology, NodeProperties node, ConsensusProperties consensus,
                                AppliedIndexWaiter waiter, MeterRegistry meters) {
        // Seed "Cluster Metrics": consensus latency is the proposal-to-applied round trip of a batch.
        Timer commit = Timer.builder("cell0.consensus.commit.latency")
                .description("Time from proposing a batch to its commands being applied, seen by the proposing node")
                .publishPercentiles(0.5, 0.99, 0.999).register(meters);
        DistributionSummary size = DistributionSummary.builder("cell0.consensus.batch.size")
                .description("Commands per Raft log entry proposed by this node").publishPercentiles(0.5, 0.99).register(meters);
        return new ConsensusNode(topology, node, consensus, waiter::applied, (commands, nanos) -> {
            commit.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            size.record(commands);
        });
    }

    @Bean(destroyMethod = "close")
    StuckFollowerWatchdog stuckFollowerWatchdog(ConsensusNode consensus, ConsensusProperties properties) {
        return new StuckFollowerWatchdog(StuckFollowerWatchdog.of(consensus, properties.requestTimeoutMs()),
                8_000, 30_000, System::currentTimeMillis, true);
    }

    @Bean(destroyMethod = "close")
    NodeRegistrar nodeRegistrar(ConsensusNode consensus, NodeProperties node, Clock clock) {
        return new NodeRegistrar(consensus, node, clock);
    }

    /** The REST listener binds node.api_address unless server.port is given explicitly (tests). */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> apiAddress(NodeProperties node,
            org.springframework.core.env.Environment env) {
        return factory -> {
            if (env.containsProperty("server.port")) {
                return;
            }
            try {
                factory.setAddress(InetAddress.getByName(HostPort.host(node.apiAddress())));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("node.api_address: unknown host in " + node.apiAddress(), e);
            }
            factory.setPort(HostPort.port(node.apiAddress()));
        };
    }
}
