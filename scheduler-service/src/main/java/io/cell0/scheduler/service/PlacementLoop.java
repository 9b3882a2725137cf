package io.cell0.scheduler.service;

import io.cell0.scheduler.pipeline.Pipeline;
import io.cell0.scheduler.pipeline.Placed;
import io.cell0.scheduler.pipeline.Plan;
import io.cell0.scheduler.pipeline.PlacementRequest;
import io.cell0.scheduler.pipeline.Unplaceable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The scheduler's control loop: watch the coordinator, and whenever the cluster changed (or every
 * {@code replanMs}) plan every pending agent and submit the plan. The coordinator re-checks each
 * placement when the plan is applied, so planning from a view that is slightly old — or racing
 * another scheduler replica — can waste a placement but never overcommit a node; refused agents
 * stay pending and are planned again from the newer view.
 */
public final class PlacementLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlacementLoop.class);

    private final CoordinatorClient client;
    private final ClusterMirror mirror;
    private final Pipeline pipeline;
    private final CoordinatorClientProperties props;
    private final String schedulerId = "sched-" + UUID.randomUUID().toString().substring(0, 8);
    private final Thread thread;
    private volatile boolean running = true;
    private final AtomicLong plansSubmitted = new AtomicLong();
    private final AtomicLong placementsSubmitted = new AtomicLong();
    private volatile String lastResult = "";
    private volatile String lastError = "";
    private long plannedAtVersion = -1;
    private long plannedAtMillis;
    private long waitForIndex;

    private final PlacementLatency latency = new PlacementLatency();
    private final Timer latencyTimer;

    public PlacementLoop(CoordinatorClient client, ClusterMirror mirror, Pipeline pipeline, CoordinatorClientProperties props) {
        this(client, mirror, pipeline, props, new SimpleMeterRegistry());
    }

    /** @param meters where {@code cell0.scheduler.latency} is published (see {@link PlacementLatency}) */
    public PlacementLoop(CoordinatorClient client, ClusterMirror mirror, Pipeline pipeline, CoordinatorClientProperties props,
                         MeterRegistry meters) {
        // Seed "Scheduler Latency": under 50 ms to place an agent.
        this.latencyTimer = Timer.builder("cell0.scheduler.latency")
                .description("From this scheduler first seeing an agent pending to the coordinator accepting the plan that placed it")
                .publishPercentiles(0.5, 0.99).serviceLevelObjectives(java.time.Duration.ofMillis(50)).register(meters);
        this.client = client;
        this.mirror = mirror;
        this.pipeline = pipeline;
        this.props = props;
        this.thread = new Thread(this::run, "cell0-scheduler-loop");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                // Once a plan is in, wait until the watch shows it before planning from the mirror again.
                long timeout = mirror.appliedIndex() < waitForIndex ? Math.min(1000, props.watchTimeoutMs()) : props.watchTimeoutMs();
                JsonNode changes = client.watch(mirror.appliedIndex(), hasPending() ? Math.min(timeout, props.replanMs()) : timeout);
                mirror.apply(changes);
                lastError = "";
                if (props.enabled()) {
                    planIfNeeded();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                lastError = client.currentUrl() + ": " + e.getMessage();
                log.warn("scheduler: {}; trying the next coordinator", lastError);
                client.next();
                try {
                    Thread.sleep(props.retryMs());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private boolean hasPending() {
        return mirror.pendingCount() > 0;
    }

    void planIfNeeded() throws Exception {
        List<PlacementRequest> pending = mirror.pending();
        for (long nanos : latency.observe(pending.stream().map(PlacementRequest::agentId).collect(java.util.stream.Collectors.toSet()),
                System.nanoTime())) {
            latencyTimer.record(nanos, TimeUnit.NANOSECONDS);
        }
        if (mirror.appliedIndex() < waitForIndex) {
            return;
        }
        if (pending.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (mirror.version() == plannedAtVersion && now - plannedAtMillis < props.replanMs()) {
            return;
        }
        plannedAtVersion = mirror.version();
        plannedAtMillis = now;
        Plan plan = pipeline.plan(mirror.view(), pending.size() > props.maxPlanSize() ? pending.subList(0, props.maxPlanSize()) : pending);
        Map<String, Object> body = toBody(plan);
        if (((List<?>) body.get("placements")).isEmpty() && ((List<?>) body.get("deferred")).isEmpty()) {
            return;
        }
        JsonNode answer = client.submitPlan(body);
        latency.accepted(plan.placed().stream().map(Placed::agentId).toList(), System.nanoTime());
        waitForIndex = answer.path("index").asLong();
        plansSubmitted.incrementAndGet();
        placementsSubmitted.addAndGet(plan.placed().size());
        lastResult = answer.path("result").asString("");
        log.info("scheduler: {}", lastResult);
    }

    /** The plan as the coordinator's {@code POST /federation/plans} body; deferrals only where the reason changed. */
    Map<String, Object> toBody(Plan plan) {
        List<Map<String, Object>> placements = new ArrayList<>();
        Map<String, List<String>> keep = mirror.shortOfCopies();
        for (Placed p : plan.placed()) {
            // A top-up names the nodes the agent keeps first, then the new ones (the state machine checks it).
            List<String> nodes = new ArrayList<>(keep.getOrDefault(p.agentId(), List.of()));
            nodes.addAll(p.nodeIds());
            placements.add(Map.of("agent_id", p.agentId(), "nodes", nodes));
        }
        List<Map<String, Object>> deferred = new ArrayList<>();
        for (Unplaceable u : plan.unplaceable()) {
            if (keep.containsKey(u.agentId())) {
                continue; // a running agent short of copies keeps running; no reason to commit each round
            }
            String reason = "scheduler: " + u.reason();
            if (!mirror.pendingReason(u.agentId()).orElse("").equals(reason)) {
                deferred.add(Map.of("agent_id", u.agentId(), "reason", reason));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan_id", schedulerId + "-" + (plansSubmitted.get() + 1));
        body.put("read_index", plan.stateIndex());
        body.put("placements", placements);
        body.put("deferred", deferred);
        return body;
    }

    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("scheduler_id", schedulerId);
        s.put("placing", props.enabled());
        s.put("coordinator", client.currentUrl());
        s.put("applied_index", mirror.appliedIndex());
        s.put("nodes", mirror.nodeCount());
        s.put("agents", mirror.agentCount());
        s.put("pending", mirror.pendingCount());
        s.put("plans_submitted", plansSubmitted.get());
        s.put("placements_submitted", placementsSubmitted.get());
        s.put("last_result", lastResult);
        s.put("last_error", lastError);
        return s;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
