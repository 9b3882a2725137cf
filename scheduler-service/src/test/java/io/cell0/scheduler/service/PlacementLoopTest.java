package io.cell0.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.scheduler.pipeline.Pipeline;
import io.cell0.scheduler.pipeline.SchedulerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler's glue against recorded coordinator answers: the mirror follows watch answers
 * (full and incremental), pending agents are planned onto nodes with room, replicas go to distinct
 * nodes, what cannot be placed is deferred with the pipeline's reason, and nothing is re-sent while
 * the coordinator has not yet shown the previous plan.
 */
class PlacementLoopTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode json(String s) {
        return JSON.readTree(s);
    }

    static String node(String id, String zone, long cpuTotal, long cpuAllocated, String... tags) {
        return """
                {"node_id": "%s", "role": "voter", "status": "healthy", "zone": "%s", "capabilities": %s,
                 "total": {"cpu_millis": %d, "memory_mb": 8192, "gpus": 0, "storage_mb": 1000},
                 "allocated": {"cpu_millis": %d, "memory_mb": 0, "gpus": 0, "storage_mb": 0}}"""
                .formatted(id, zone, JSON.writeValueAsString(List.of(tags)), cpuTotal, cpuAllocated);
    }

    static String agent(String id, String state, long cpu, int replicas, String reason) {
        return """
                {"agent_id": "%s", "node": null, "state": "%s", "replicas": [], "placement": {"preferred_zone": "", "replicas": %d, "zones": []},
                 "resources": {"cpu_millis": %d, "memory_mb": 0, "gpus": 0, "storage_mb": 0}, "priority": 0, "required_data": [],
                 "pending_reason": "%s", "created_at": 1}""".formatted(id, state, replicas, cpu, reason);
    }

    /** Answers watches from a script and records submitted plans. */
    static final class ScriptedClient extends CoordinatorClient {
        final List<JsonNode> answers = new ArrayList<>();
        final List<Map<String, Object>> plans = new ArrayList<>();
        long nextIndex = 100;

        ScriptedClient() {
            super(List.of("http://127.0.0.1:1"), JSON);
        }

        @Override
        public JsonNode watch(long since, long timeoutMs) {
            return answers.remove(0);
        }

        @SuppressWarnings("unchecked")
        @Override
        public JsonNode submitPlan(Object plan) {
            plans.add((Map<String, Object>) plan);
            return json("{\"plan_id\": \"x\", \"index\": " + (++nextIndex) + ", \"result\": \"ok\"}");
        }
    }

    final ClusterMirror mirror = new ClusterMirror();
    final ScriptedClient client = new ScriptedClient();
    final PlacementLoop loop = new PlacementLoop(client, mirror, Pipeline.from(SchedulerSettings.defaults()),
            new CoordinatorClientProperties(List.of("http://127.0.0.1:1"), 1000, 100, 100, 60_000, true));

    @Test
    void pendingAgentsArePlacedOnDistinctNodesWithRoomAndTheRestDeferredWithAReason() throws Exception {
        mirror.apply(json("""
                {"applied_index": 10, "reset": true, "nodes": [%s, %s, %s],
                 "agents": [%s, %s, %s], "removed_nodes": [], "removed_agents": [], "config_changed": true}"""
                .formatted(node("n1", "a", 4000, 0), node("n2", "b", 4000, 0), node("n3", "b", 1000, 0),
                        agent("web", "pending", 1000, 2, "awaiting placement"), agent("huge", "pending", 9000, 1, "awaiting placement"),
                        agent("done", "running", 1000, 1, ""))));
        loop.planIfNeeded();
        assertThat(client.plans).hasSize(1);
        Map<String, Object> plan = client.plans.get(0);
        assertThat(plan.get("read_index")).isEqualTo(10L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> placements = (List<Map<String, Object>>) plan.get("placements");
        assertThat(placements).hasSize(1);
        assertThat(placements.get(0).get("agent_id")).isEqualTo("web");
        @SuppressWarnings("unchecked")
        List<String> nodes = (List<String>) placements.get(0).get("nodes");
        assertThat(nodes).hasSize(2).doesNotHaveDuplicates();
        assertThat(nodes).as("replicas across zones a and b").contains("n1");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deferred = (List<Map<String, Object>>) plan.get("deferred");
        assertThat(deferred).singleElement().satisfies(d -> {
            assertThat(d.get("agent_id")).isEqualTo("huge");
            assertThat((String) d.get("reason")).startsWith("scheduler: ").contains("cpu");
        });

        // Until the watch shows the plan's index, the loop does not plan again from its old view.
        loop.planIfNeeded();
        assertThat(client.plans).hasSize(1);
    }

    @Test
    void aDrainingNodeGetsNoNewAgent() throws Exception {
        String draining = node("n1", "a", 8000, 0).replace("\"status\": \"healthy\"", "\"status\": \"healthy\", \"draining\": true");
        mirror.apply(json("""
                {"applied_index": 4, "reset": true, "nodes": [%s, %s], "agents": [%s], "removed_nodes": [], "removed_agents": [],
                 "config_changed": true}""".formatted(draining, node("n2", "a", 1000, 0), agent("moved", "pending", 500, 1, "node n1 is draining"))));
        assertThat(mirror.view().node("n1").orElseThrow().draining()).isTrue();
        assertThat(mirror.view().node("n2").orElseThrow().draining()).isFalse();
        loop.planIfNeeded();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> placements = (List<Map<String, Object>>) client.plans.get(0).get("placements");
        assertThat(placements).singleElement().satisfies(p -> assertThat(p.get("nodes")).isEqualTo(List.of("n2")));
    }

    @Test
    void aRunningAgentShortOfACopyGetsItBackNamingItsCurrentNodeFirst() throws Exception {
        String pair = agent("pair", "running", 500, 2, "node n1 is draining; 1 of 2 copies left")
                .replace("\"node\": null", "\"node\": \"n2\"");
        mirror.apply(json("""
                {"applied_index": 6, "reset": true, "nodes": [%s, %s, %s], "agents": [%s], "removed_nodes": [], "removed_agents": [],
                 "config_changed": true}""".formatted(node("n1", "a", 4000, 0), node("n2", "a", 4000, 500), node("n3", "b", 4000, 0), pair)));
        assertThat(mirror.shortOfCopies()).containsEntry("pair", List.of("n2"));
        loop.planIfNeeded();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> placements = (List<Map<String, Object>>) client.plans.get(0).get("placements");
        assertThat(placements).singleElement().satisfies(p -> {
            assertThat(p.get("agent_id")).isEqualTo("pair");
            assertThat(p.get("nodes")).isEqualTo(List.of("n2", "n3"));
        });
    }

    @Test
    void aRunningAgentShortOfACopyWithNowhereToGoIsNotDeferredEveryRound() throws Exception {
        String pair = agent("pair", "running", 500, 2, "replica on node n1 lost when it went down")
                .replace("\"node\": null", "\"node\": \"n2\"");
        mirror.apply(json("""
                {"applied_index": 6, "reset": true, "nodes": [%s], "agents": [%s], "removed_nodes": [], "removed_agents": [],
                 "config_changed": true}""".formatted(node("n2", "a", 4000, 500), pair)));
        loop.planIfNeeded();
        assertThat(client.plans).as("nothing placed, nothing worth committing").isEmpty();
    }

    @Test
    void theMirrorFollowsIncrementalWatchAnswers() {
        mirror.apply(json("""
                {"applied_index": 5, "reset": true, "nodes": [%s], "agents": [%s], "removed_nodes": [], "removed_agents": [],
                 "config_changed": true}""".formatted(node("n1", "a", 4000, 0), agent("x", "pending", 100, 1, ""))));
        assertThat(mirror.pending()).extracting(r -> r.agentId()).containsExactly("x");
        mirror.apply(json("""
                {"applied_index": 9, "reset": false, "nodes": [%s], "agents": [%s], "removed_nodes": [], "removed_agents": [],
                 "config_changed": false}""".formatted(node("n2", "b", 2000, 500, "data:weights"), agent("y", "pending", 100, 1, ""))));
        assertThat(mirror.appliedIndex()).isEqualTo(9);
        assertThat(mirror.view().nodes()).hasSize(2);
        assertThat(mirror.view().node("n2").orElseThrow().dataSets()).containsExactly("weights");
        assertThat(mirror.view().node("n2").orElseThrow().free().cpuMillis()).isEqualTo(1500);
        mirror.apply(json("""
                {"applied_index": 12, "reset": false, "nodes": [], "agents": [], "removed_nodes": [], "removed_agents": ["x"],
                 "config_changed": false}"""));
        assertThat(mirror.pending()).extracting(r -> r.agentId()).containsExactly("y");
        mirror.apply(json("""
                {"applied_index": 20, "reset": true, "nodes": [%s], "agents": [], "removed_nodes": [], "removed_agents": [],
                 "config_changed": true}""".formatted(node("n9", "z", 1000, 0))));
        assertThat(mirror.view().nodes()).extracting(n -> n.nodeId()).containsExactly("n9");
        assertThat(mirror.pending()).isEmpty();
    }

    @Test
    void anUnchangedReasonIsNotSentAgain() throws Exception {
        mirror.apply(json("""
                {"applied_index": 3, "reset": true, "nodes": [%s], "agents": [%s], "removed_nodes": [], "removed_agents": [],
                 "config_changed": true}""".formatted(node("n1", "a", 1000, 0), agent("big", "pending", 5000, 1, "awaiting placement"))));
        loop.planIfNeeded();
        @SuppressWarnings("unchecked")
        String reason = (String) ((List<Map<String, Object>>) client.plans.get(0).get("deferred")).get(0).get("reason");
        // The coordinator now shows that reason: the next plan has nothing to say about "big".
        mirror.apply(json("""
                {"applied_index": 101, "reset": false, "nodes": [], "agents": [%s], "removed_nodes": [], "removed_agents": [],
                 "config_changed": false}""".formatted(agent("big", "pending", 5000, 1, reason))));
        var body = loop.toBody(Pipeline.from(SchedulerSettings.defaults()).plan(mirror.view(), mirror.pending()));
        assertThat((List<?>) body.get("deferred")).isEmpty();
        assertThat((List<?>) body.get("placements")).isEmpty();
    }
}
