package io.cell0.coordinator;

import io.cell0.coordinator.config.ClusterProperties;
import io.cell0.coordinator.config.ConsensusProperties;
import io.cell0.coordinator.config.FederationProperties;
import io.cell0.coordinator.config.HostPort;
import io.cell0.coordinator.config.NodeProperties;
import io.cell0.coordinator.config.RuntimeProperties;
import io.cell0.coordinator.runtime.AgentSupervisor;
import io.cell0.coordinator.runtime.LeaseFence;
import io.cell0.coordinator.runtime.ProcessAgentRuntime;
import io.cell0.model.AgentPlacement;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import io.cell0.coordinator.config.Topology;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.coordinator.consensus.AppliedIndexWaiter;
import io.cell0.coordinator.consensus.NodeRegistrar;
import io.cell0.coordinator.consensus.LinkRefresher;
import io.cell0.coordinator.consensus.RaftTls;
import io.cell0.coordinator.consensus.StuckFollowerWatchdog;
import io.cell0.coordinator.security.TransportSecurity;
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
    Topology topology(ClusterProperties cluster, NodeProperties node, FederationProperties federation, ConsensusProperties consensus) {
        Topology topology = Topology.resolve(cluster, node, federation);
        // Seed BFTParams: tolerating f lying voters needs n >= 3f+1 of them.
        int voters = topology.voters().size();
        int f = consensus.byzantineTolerance();
        if (f > io.cell0.model.BftParams.forNodeCount(voters).maxByzantine()) {
            throw new io.cell0.coordinator.config.InvalidConfigurationException("consensus.byzantine_tolerance",
                    "is " + f + ", but " + voters + " voter(s) in federation.bootstrap tolerate at most "
                            + io.cell0.model.BftParams.forNodeCount(voters).maxByzantine() + " (n >= 3f+1 needs at least "
                            + io.cell0.model.BftParams.forTolerance(f).minNodes() + " voters)");
        }
        return topology;
    }

    @Bean
    AppliedIndexWaiter appliedIndexWaiter() {
        return new AppliedIndexWaiter();
    }

    @Bean(destroyMethod = "close")
    ConsensusNode consensusNode(Topology topology, NodeProperties node, ConsensusProperties consensus,
                                AppliedIndexWaiter waiter, MeterRegistry meters, TransportSecurity transport, Clock clock) {
        // Seed "Cluster Metrics": consensus latency is the proposal-to-applied round trip of a batch.
        Timer commit = Timer.builder("cell0.consensus.commit.latency")
                .description("Time from proposing a batch to its commands being applied, seen by the proposing node")
                .publishPercentiles(0.5, 0.99, 0.999).register(meters);
        DistributionSummary size = DistributionSummary.builder("cell0.consensus.batch.size")
                .description("Commands per Raft log entry proposed by this node").publishPercentiles(0.5, 0.99).register(meters);
        return new ConsensusNode(topology, node, consensus, waiter::applied, (commands, nanos) -> {
            commit.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            size.record(commands);
        }, transport.material().map(m -> RaftTls.of(m, clock)).orElse(null));
    }

    @Bean(destroyMethod = "close")
    StuckFollowerWatchdog stuckFollowerWatchdog(ConsensusNode consensus, ConsensusProperties properties, TransportSecurity transport) {
        return new StuckFollowerWatchdog(StuckFollowerWatchdog.of(consensus, properties.requestTimeoutMs(),
                transport.httpClient(Duration.ofSeconds(1)), transport.scheme()),
                8_000, 30_000, System::currentTimeMillis, true);
    }

    @Bean(destroyMethod = "close")
    LinkRefresher linkRefresher(ConsensusNode consensus, ConsensusProperties properties) {
        return new LinkRefresher(LinkRefresher.of(consensus), properties.linkStallMs(), Math.max(3_000, properties.linkStallMs()),
                500, System::currentTimeMillis, true);
    }

    /** The node agent runtime: runs the agents placed on this node (off with runtime.enabled=false). */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "runtime.enabled", havingValue = "true",
            matchIfMissing = true)
    AgentSupervisor agentSupervisor(ConsensusNode consensus, AppliedIndexWaiter applied, NodeProperties node,
                                    RuntimeProperties runtime, Clock clock, tools.jackson.databind.ObjectMapper json,
                                    io.cell0.coordinator.failure.Lease lease) {
        Path agentsDir = agentsDir(node, runtime);
        AgentSupervisor.Cluster cluster = new AgentSupervisor.Cluster() {
            @Override
            public String selfId() {
                return consensus.selfId();
            }

            @Override
            public AgentSupervisor.AgentChanges agentsOn(String nodeId, long since) {
                return consensus.readChanges(since, (state, changed) -> {
                    if (since == 0 || !changed.complete()) {
                        return new AgentSupervisor.AgentChanges(state.appliedIndex(), true,
                                state.agents().values().stream().filter(a -> a.usesNode(nodeId)).toList(), List.of());
                    }
                    List<AgentPlacement> here = new java.util.ArrayList<>();
                    List<String> notHere = new java.util.ArrayList<>();
                    for (String id : changed.agents()) {
                        state.agent(id).filter(a -> a.usesNode(nodeId)).ifPresentOrElse(here::add, () -> notHere.add(id));
                    }
                    return new AgentSupervisor.AgentChanges(state.appliedIndex(), false, here, notHere);
                });
            }

            @Override
            public CompletableFuture<CommandResult> propose(Command command) {
                return consensus.propose(command);
            }

            @Override
            public void awaitChange(long timeoutMs) throws InterruptedException {
                applied.awaitApplied(applied.current() + 1, timeoutMs);
            }

            @Override
            public boolean leaseValid() {
                return lease.valid();
            }

            @Override
            public long leaseRemainingMs() {
                return lease.remainingMs();
            }

            @Override
            public long leaseIndex() {
                return lease.index();
            }

            @Override
            public List<String> stoppingOn(String nodeId) {
                return consensus.read(state -> state.agentsStoppingOn(nodeId));
            }
        };
        AgentSupervisor supervisor = new AgentSupervisor(cluster, new ProcessAgentRuntime(), agentsDir, clock, json,
                Duration.ofMillis(runtime.stopGraceMs()), runtime.reconcileMs(), runtime.maxBackoffMs());
        supervisor.start();
        return supervisor;
    }

    /** Ends this process once the node has left the cluster (see {@code POST /federation/leave}). */
    @Bean(destroyMethod = "close")
    io.cell0.coordinator.consensus.LeaveWatcher leaveWatcher(ConsensusNode consensus,
                                                             org.springframework.context.ConfigurableApplicationContext context) {
        return new io.cell0.coordinator.consensus.LeaveWatcher(consensus, () -> {
            int code = org.springframework.boot.SpringApplication.exit(context, () -> 0);
            System.exit(code);
        }, 10_000);
    }

    /** The leader's drain loop: takes agents' copies off draining nodes (see {@code POST /federation/nodes/{id}/drain}). */
    @Bean(destroyMethod = "close")
    io.cell0.coordinator.drain.DrainLoop drainLoop(ConsensusNode consensus, io.cell0.coordinator.config.DrainProperties drain,
                                                   Clock clock) {
        io.cell0.coordinator.drain.DrainLoop loop = new io.cell0.coordinator.drain.DrainLoop(consensus, drain, clock);
        loop.start();
        return loop;
    }

    /** The lease enforced from outside the JVM, for the agents of this node (see {@link LeaseFence}). */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "runtime.enabled", havingValue = "true",
            matchIfMissing = true)
    LeaseFence leaseFence(NodeProperties node, RuntimeProperties runtime, io.cell0.coordinator.failure.Lease lease,
                          ConsensusProperties consensus) throws java.io.IOException {
        return new LeaseFence(agentsDir(node, runtime), lease::remainingMs, consensus.heartbeatIntervalMs());
    }

    static Path agentsDir(NodeProperties node, RuntimeProperties runtime) {
        return runtime.agentsDir().isBlank() ? Path.of(node.dataDir(), "agents") : Path.of(runtime.agentsDir());
    }

    @Bean(destroyMethod = "close")
    NodeRegistrar nodeRegistrar(ConsensusNode consensus, NodeProperties node, Clock clock,
                                io.cell0.coordinator.security.TransportSecurity security) {
        return new NodeRegistrar(consensus, node, clock,
                security.identity().map(io.cell0.security.NodeIdentity::publicKeyPem).orElse(""));
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
