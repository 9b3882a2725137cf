package io.cell0.coordinator.core;

import io.cell0.model.AgentConfig;
import io.cell0.model.AgentPlacement;
import io.cell0.model.NodeCapabilities;
import io.cell0.model.NodeInfo;
import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import io.cell0.model.ResourceAllocation;
import io.cell0.model.ReplicaStatus;
import io.cell0.model.Resources;
import io.cell0.model.RuntimePhase;
import io.cell0.model.command.AgentKill;
import io.cell0.model.command.AgentSpawn;
import io.cell0.model.command.AgentStatusReport;
import io.cell0.model.command.PlacementPlan;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.ConfigUpdate;
import io.cell0.model.command.NodeJoin;
import io.cell0.model.command.NodeLeave;
import io.cell0.model.command.NodeStatusChange;
import io.cell0.model.command.NodeDrain;
import io.cell0.model.command.AgentEvict;
import io.cell0.model.command.ResourceAlloc;
import io.cell0.model.command.ResourceFree;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns one scenario directive into a call on the core and its outcome into text. One small handler
 * per directive; the line format is documented in {@code scenarios/README.md}.
 */
final class ScenarioDriver {
    private final ClusterState state = ClusterState.empty();
    private long index;

    String run(String directive) {
        String[] words = directive.trim().split("\\s+");
        return switch (words[0]) {
            case "term" -> term(words);
            case "show" -> show(words);
            default -> describe(ClusterStateMachine.apply(state, ++index,
                    command(words[0], args(Arrays.copyOfRange(words, 1, words.length)))));
        };
    }

    private String term(String[] words) {
        ClusterStateMachine.onLeaderTermCommitted(state, ++index, Long.parseLong(words[1]));
        return show(new String[] {"show", "state"});
    }

    private Command command(String name, Map<String, String> a) {
        long ts = Long.parseLong(a.getOrDefault("ts", Long.toString(1000 + index)));
        return switch (name) {
            case "NodeJoin" -> new NodeJoin(a.get("node"), NodeRole.valueOf(a.getOrDefault("role", "voter").toUpperCase(Locale.ROOT)),
                    a.getOrDefault("address", a.get("node") + ":9000"), a.getOrDefault("api", a.get("node") + ":8080"),
                    a.getOrDefault("zone", ""), new NodeCapabilities(list(a.get("tags"))), resources(a), ts, a.getOrDefault("key", ""));
            case "NodeLeave" -> new NodeLeave(a.get("node"), ts);
            case "NodeStatusChange" -> new NodeStatusChange(a.get("node"), NodeStatus.valueOf(a.get("status").toUpperCase(Locale.ROOT)),
                    Long.parseLong(a.getOrDefault("term", "0")), Boolean.parseBoolean(a.getOrDefault("release", "false")),
                    a.getOrDefault("reason", "").replace('_', ' '), ts);
            case "AgentSpawn" -> new AgentSpawn(a.get("agent"), new AgentConfig(a.getOrDefault("type", "demo"), "{}", resources(a),
                    Integer.parseInt(a.getOrDefault("replicas_wanted", "1")), a.getOrDefault("zone", ""), 0,
                    list(a.get("data")), list(a.get("zones")), Boolean.parseBoolean(a.getOrDefault("keep_running", "false"))),
                    a.getOrDefault("node", ""), list(a.get("replicas")), ts, a.getOrDefault("key", ""));
            case "PlacementPlan" -> new PlacementPlan(a.getOrDefault("plan", "p"), Long.parseLong(a.getOrDefault("read", "0")),
                    placements(a.get("place")), deferrals(a.get("defer")), ts);
            case "AgentStatusReport" -> new AgentStatusReport(a.get("agent"), a.get("node"),
                    new ReplicaStatus(RuntimePhase.valueOf(a.get("phase").toUpperCase(Locale.ROOT)),
                            Integer.parseInt(a.getOrDefault("exit", "-1")), Integer.parseInt(a.getOrDefault("restarts", "0")),
                            a.getOrDefault("message", "").replace('_', ' '), ts), ts);
            case "AgentKill" -> new AgentKill(a.get("agent"), ts);
            case "ResourceAlloc" -> new ResourceAlloc(a.get("id"), a.get("agent"), a.get("node"), resources(a),
                    Long.parseLong(a.getOrDefault("expires", "0")), ts);
            case "ResourceFree" -> new ResourceFree(a.get("id"), ts);
            case "ConfigUpdate" -> new ConfigUpdate(a.get("key"), a.get("value"),
                    Long.parseLong(a.getOrDefault("expect", "-1")), ts);
            case "NodeDrain" -> new NodeDrain(a.get("node"), Boolean.parseBoolean(a.getOrDefault("draining", "true")), ts);
            case "AgentEvict" -> new AgentEvict(a.get("agent"), a.get("node"), a.getOrDefault("reason", "").replace('_', ' '), ts);
            default -> throw new IllegalArgumentException("unknown directive " + name);
        };
    }

    private static Resources resources(Map<String, String> a) {
        return new Resources(Long.parseLong(a.getOrDefault("cpu", "0")), Long.parseLong(a.getOrDefault("mem", "0")),
                Long.parseLong(a.getOrDefault("gpus", "0")), Long.parseLong(a.getOrDefault("storage", "0")));
    }

    /** {@code a:n1,n2;b:n3} — agent a on n1 (primary) and n2, agent b on n3. */
    private static List<PlacementPlan.Placement> placements(String spec) {
        if (spec == null || spec.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(spec.split(";")).map(p -> p.split(":", 2))
                .map(p -> new PlacementPlan.Placement(p[0], list(p[1]))).toList();
    }

    /** {@code c:no_node_fits;d:zone_full} — underscores stand for spaces in the reason. */
    private static List<PlacementPlan.Deferred> deferrals(String spec) {
        if (spec == null || spec.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(spec.split(";")).map(p -> p.split(":", 2))
                .map(p -> new PlacementPlan.Deferred(p[0], p[1].replace('_', ' '))).toList();
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }

    private static Map<String, String> args(String[] words) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected name=value, got '" + w + "'");
            }
            out.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return out;
    }

    private static String describe(CommandResult r) {
        if (r.isAccepted()) {
            String detail = r.message().isEmpty() ? "" : " (" + r.message() + ")";
            return (r.version() == 0 ? "ok" : "ok version=" + r.version()) + detail;
        }
        String version = r.reason() == io.cell0.model.command.RejectReason.VERSION_MISMATCH ? " (current version " + r.version() + ")" : "";
        return "rejected " + r.reason() + version + ": " + r.message();
    }

    private String show(String[] words) {
        String what = words.length > 1 ? words[1] : "state";
        StringJoiner out = new StringJoiner("\n");
        switch (what) {
            case "state" -> out.add("applied=" + state.appliedIndex() + " epoch=" + state.epoch() + " last_term=" + state.lastTerm()
                    + " config_version=" + state.configVersion() + " nodes=" + state.nodes().size() + " agents="
                    + state.agents().size() + " allocations=" + state.allocations().size());
            case "node" -> out.add(state.node(words[2]).map(ScenarioDriver::node).orElse("no node " + words[2]));
            case "nodes" -> state.nodes().values().forEach(n -> out.add(node(n)));
            case "agent" -> out.add(state.agent(words[2]).map(ScenarioDriver::agent).orElse("no agent " + words[2]));
            case "agents" -> state.agents().values().forEach(a -> out.add(agent(a)));
            case "allocations" -> state.allocations().values().forEach(a -> out.add(allocation(a)));
            case "config" -> {
                out.add("config_version=" + state.configVersion());
                state.configView().entries().values().forEach(e -> out.add(e.key() + " = " + e.valueJson() + " (version " + e.version() + ")"));
            }
            default -> throw new IllegalArgumentException("unknown show target " + what);
        }
        String text = out.toString();
        return text.isEmpty() ? "(none)" : text;
    }

    private static String node(NodeInfo n) {
        return n.id() + " " + n.role().name().toLowerCase(Locale.ROOT) + " " + n.status().name().toLowerCase(Locale.ROOT)
                + " zone=" + n.zone() + " total=" + res(n.resources().total()) + " allocated=" + res(n.resources().allocated())
                + " joined_at=" + n.joinedAt() + (n.draining() ? " draining" : "")
                + (n.identityKey().isEmpty() ? "" : " identity_key=" + n.identityKey());
    }

    private static String agent(AgentPlacement a) {
        return a.agentId() + " " + a.state().name().toLowerCase(Locale.ROOT) + " primary=" + (a.primaryNode().isEmpty() ? "-" : a.primaryNode())
                + " replicas=" + a.replicaNodes() + (a.pendingReason().isEmpty() ? "" : " reason=\"" + a.pendingReason() + "\"")
                + (a.runtime().isEmpty() ? "" : " runtime=" + runtime(a))
                + (a.stopping().isEmpty() ? "" : " stopping=" + a.stopping())
                + (a.config().keepRunningWhenDisconnected() ? " keep_running" : "");
    }

    private static String runtime(AgentPlacement a) {
        StringJoiner out = new StringJoiner(",", "{", "}");
        a.runtime().forEach((node, st) -> out.add(node + ":" + st.phase().name().toLowerCase(Locale.ROOT)
                + (st.exitCode() >= 0 ? "(exit " + st.exitCode() + ")" : "") + (st.restarts() > 0 ? "x" + st.restarts() : "")));
        return out.toString();
    }

    private static String allocation(ResourceAllocation a) {
        return a.id() + " owner=" + a.owner() + " node=" + a.node() + " " + res(a.resources());
    }

    private static String res(Resources r) {
        return "cpu:" + r.cpuMillis() + ",mem:" + r.memoryMb() + ",gpus:" + r.gpus() + ",storage:" + r.storageMb();
    }
}
