package io.cell0.coordinator.failure;

import io.cell0.coordinator.config.ConsensusProperties;
import io.cell0.coordinator.config.FailureDetectionProperties;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.model.NodeInfo;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.NodeStatusChange;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Wires heartbeats, the leader's failure monitor and this node's lease to the consensus node. */
@Configuration(proxyBeanMethods = false)
public class FailureDetectionConfiguration {
    /** Monotonic milliseconds: every duration in failure detection is measured on this clock. */
    static final LongSupplier MONOTONIC_MS = () -> System.nanoTime() / 1_000_000;

    @Bean
    Lease lease(FailureDetectionProperties properties) {
        return new Lease(properties.leaseMs(), MONOTONIC_MS, properties.enabled());
    }

    @Bean
    FailureMonitor failureMonitor(ConsensusNode consensus, FailureDetectionProperties properties, ConsensusProperties consensusProperties) {
        FailureMonitor.View view = new FailureMonitor.View() {
            @Override
            public String selfId() {
                return consensus.selfId();
            }

            @Override
            public long leaderTerm() {
                var s = consensus.status();
                return "leader".equals(s.role()) ? s.term() : -1;
            }

            @Override
            public List<FailureMonitor.NodeView> nodes() {
                return consensus.read(state -> {
                    Set<String> holding = new HashSet<>();
                    // A node still to confirm a drained copy stopped holds it too: its release clears that.
                    // Agents that chose to keep running through a disconnection are never released.
                    state.agents().values().forEach(a -> {
                        if (!a.config().keepRunningWhenDisconnected()) {
                            holding.addAll(a.nodes());
                        }
                        holding.addAll(a.stopping());
                    });
                    return state.nodes().values().stream()
                            .map(n -> new FailureMonitor.NodeView(n.id(), n.status(), holding.contains(n.id()))).toList();
                });
            }

            @Override
            public Map<String, Long> voterSilenceMillis() {
                Set<String> voters = Set.copyOf(consensus.status().voters());
                return consensus.followerSilenceMillis().entrySet().stream().filter(e -> voters.contains(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            }

            @Override
            public int voterCount() {
                return consensus.status().voters().size();
            }

            @Override
            public long commitIndex() {
                return consensus.status().commitIndex();
            }

            @Override
            public CompletableFuture<CommandResult> propose(NodeStatusChange change) {
                return consensus.propose(change);
            }
        };
        FailureMonitor monitor = new FailureMonitor(view, properties, consensusProperties.heartbeatIntervalMs(),
                consensusProperties.electionTimeoutMinMs(), System::currentTimeMillis);
        monitor.holdUntilReady();
        return monitor;
    }

    /** Signs this node's heartbeats with its identity key and verifies the others' (see {@link HeartbeatSignatures}). */
    @Bean
    HeartbeatSignatures heartbeatSignatures(io.cell0.coordinator.security.TransportSecurity transportSecurity) {
        return new HeartbeatSignatures(transportSecurity.identity(), java.time.Clock.systemUTC());
    }

    /** The leader's judging loop and this node's heartbeats; nothing runs with failure detection off. */
    @Bean(destroyMethod = "close")
    FailureDetection failureDetection(ConsensusNode consensus, FailureMonitor monitor, Lease lease, FailureDetectionProperties properties,
                                      ConsensusProperties consensusProperties, ObjectMapper json,
                                      io.cell0.coordinator.security.TransportSecurity transportSecurity, HeartbeatSignatures signatures) {
        long interval = consensusProperties.heartbeatIntervalMs();
        // With TLS on: https, this node's certificate, the leader's host name checked.
        HttpClient http = transportSecurity.httpClient(Duration.ofMillis(Math.max(200, 5 * interval)));
        String scheme = transportSecurity.scheme();
        HeartbeatSender.Transport transport = new HeartbeatSender.Transport() {
            @Override
            public Optional<String> leader() {
                return Optional.ofNullable(consensus.status().leaderId());
            }

            @Override
            public CompletableFuture<FailureMonitor.Ack> send(String leaderId, HeartbeatSender.Heartbeat hb) {
                if (leaderId.equals(consensus.selfId())) {
                    return CompletableFuture.completedFuture(monitor.heartbeat(hb.nodeId(), MONOTONIC_MS.getAsLong()));
                }
                Optional<String> api = consensus.read(s -> s.node(leaderId).map(NodeInfo::apiAddress)).filter(a -> !a.isBlank());
                if (api.isEmpty()) {
                    return CompletableFuture.failedFuture(new IllegalStateException("leader " + leaderId + " has no API address yet"));
                }
                Map<String, Object> fields = new java.util.LinkedHashMap<>(Map.of("node_id", hb.nodeId(), "seq", hb.seq(),
                        "sent_at_ms", hb.sentAtMs(), "cpu_load", hb.cpuLoad(), "memory_used_mb", hb.memoryUsedMb(),
                        "agents_running", hb.agentsRunning()));
                signatures.sign(hb.nodeId(), hb.seq(), hb.sentAtMs()).ifPresent(sig -> fields.put("signature", sig));
                String body = json.writeValueAsString(fields);
                HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + api.get() + "/federation/heartbeats"))
                        .timeout(Duration.ofMillis(Math.max(500, 10 * interval))).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("heartbeat answered " + r.statusCode());
                    }
                    JsonNode ack = json.readTree(r.body());
                    return new FailureMonitor.Ack(ack.path("term").asLong(-1), ack.path("lease_granted").asBoolean(false),
                            ack.path("commit_index").asLong(0));
                });
            }
        };
        var os = ManagementFactory.getOperatingSystemMXBean();
        HeartbeatSender.Usage usage = new HeartbeatSender.Usage() {
            @Override
            public double cpuLoad() {
                return Math.max(0, os.getSystemLoadAverage() / Math.max(1, os.getAvailableProcessors()));
            }

            @Override
            public long memoryUsedMb() {
                Runtime rt = Runtime.getRuntime();
                return (rt.totalMemory() - rt.freeMemory()) >> 20;
            }

            @Override
            public int agentsRunning() {
                String self = consensus.selfId();
                return consensus.read(s -> (int) s.agents().values().stream().filter(a -> a.usesNode(self)).count());
            }
        };
        return new FailureDetection(new HeartbeatSender(consensus.selfId(), transport, usage, lease, MONOTONIC_MS, interval,
                properties.enabled()), monitor, interval, properties.enabled());
    }

    /**
     * Owns the leader's tick timer and the heartbeat sender. Judging starts only once the
     * application is ready: before that this node's web server cannot receive heartbeats, so a
     * leader elected during start-up would count its own deafness as the others' silence and
     * declare them down the moment its grace period ended.
     */
    public static final class FailureDetection implements AutoCloseable, ApplicationListener<ApplicationReadyEvent> {
        private final HeartbeatSender sender;
        private final FailureMonitor monitor;
        private final long intervalMs;
        private final ScheduledExecutorService timer;
        private final AtomicBoolean started = new AtomicBoolean();

        FailureDetection(HeartbeatSender sender, FailureMonitor monitor, long intervalMs, boolean enabled) {
            this.sender = sender;
            this.monitor = monitor;
            this.intervalMs = intervalMs;
            if (enabled) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "cell0-failure-monitor");
                    t.setDaemon(true);
                    return t;
                });
            } else {
                timer = null;
            }
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            monitor.ready();
            start();
        }

        /** Starts judging (idempotent). */
        public void start() {
            if (timer == null || !started.compareAndSet(false, true)) {
                return;
            }
            timer.scheduleWithFixedDelay(() -> {
                try {
                    monitor.tick(MONOTONIC_MS.getAsLong());
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(FailureDetection.class).debug("failure monitor tick failed", e);
                }
            }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            sender.close();
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }
}
