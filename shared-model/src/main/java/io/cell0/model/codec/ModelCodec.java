package io.cell0.model.codec;

import io.cell0.model.AgentConfig;
import io.cell0.model.AgentPlacement;
import io.cell0.model.ReplicaStatus;
import java.util.TreeMap;
import io.cell0.model.ConfigEntry;
import io.cell0.model.NodeCapabilities;
import io.cell0.model.NodeInfo;
import io.cell0.model.ResourceAllocation;
import io.cell0.model.ResourceCapacity;
import io.cell0.model.Resources;
import java.util.ArrayList;
import java.util.List;

/** Field layouts of the model records, shared by the command and state codecs. */
final class ModelCodec {
    private ModelCodec() {
    }

    static void resources(BinaryWriter w, Resources r) {
        w.varLong(r.cpuMillis()).varLong(r.memoryMb()).varLong(r.gpus()).varLong(r.storageMb());
    }

    static Resources resources(BinaryReader r) {
        long cpu = r.field("resources.cpu_millis").varLong();
        long mem = r.field("resources.memory_mb").varLong();
        long gpus = r.field("resources.gpus").varLong();
        long storage = r.field("resources.storage_mb").varLong();
        return new Resources(cpu, mem, gpus, storage);
    }

    static void strings(BinaryWriter w, List<String> list) {
        w.varLong(list.size());
        for (String s : list) {
            w.string(s);
        }
    }

    static List<String> strings(BinaryReader r, String field) {
        int n = r.field(field).count(1);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.field(field + "[" + i + "]").string());
        }
        return out;
    }

    static void agentConfig(BinaryWriter w, AgentConfig c) {
        w.string(c.agentType()).string(c.configJson());
        resources(w, c.resources());
        w.varLong(c.replicas()).string(c.preferredZone()).signedVarLong(c.priority());
        strings(w, c.requiredData());
        strings(w, c.allowedZones());
        w.u8(c.keepRunningWhenDisconnected() ? 1 : 0);
    }

    static AgentConfig agentConfig(BinaryReader r) {
        String type = r.field("config.agent_type").string();
        String json = r.field("config.config").string();
        Resources res = resources(r);
        long replicas = r.field("config.replicas").varLong();
        String zone = r.field("config.preferred_zone").string();
        long priority = r.field("config.priority").signedVarLong();
        List<String> data = r.version() >= 2 ? strings(r, "config.required_data") : List.of();
        List<String> zones = r.version() >= 2 ? strings(r, "config.allowed_zones") : List.of();
        boolean keep = false;
        if (r.version() >= 3) {
            int k = r.field("config.keep_running_when_disconnected").u8();
            if (k > 1) {
                throw new CodecException("config.keep_running_when_disconnected: " + k + " is not a boolean");
            }
            keep = k == 1;
        }
        return new AgentConfig(type, json, res, toInt(replicas, "replicas"), zone, toInt(priority, "priority"), data, zones, keep);
    }

    static void node(BinaryWriter w, NodeInfo n) {
        w.string(n.id()).u8(Codes.of(n.role())).string(n.address()).string(n.apiAddress());
        strings(w, n.capabilities().tags());
        resources(w, n.resources().total());
        resources(w, n.resources().allocated());
        w.u8(Codes.of(n.status())).signedVarLong(n.lastHeartbeat()).signedVarLong(n.joinedAt()).string(n.zone());
        w.u8(n.draining() ? 1 : 0).string(n.identityKey());
    }

    static NodeInfo node(BinaryReader r) {
        String id = r.field("node.id").string();
        var role = Codes.nodeRole(r.field("node.role").u8());
        String address = r.field("node.address").string();
        String api = r.field("node.api_address").string();
        List<String> tags = strings(r, "node.capabilities");
        Resources total = resources(r);
        Resources allocated = resources(r);
        var status = Codes.nodeStatus(r.field("node.status").u8());
        long hb = r.field("node.last_heartbeat").signedVarLong();
        long joined = r.field("node.joined_at").signedVarLong();
        String zone = r.field("node.zone").string();
        boolean draining = false;
        if (r.version() >= 3) {
            int d = r.field("node.draining").u8();
            if (d > 1) {
                throw new CodecException("node.draining: " + d + " is not a boolean");
            }
            draining = d == 1;
        }
        String identityKey = r.version() >= 3 ? r.field("node.identity_key").string() : "";
        return new NodeInfo(id, role, address, api, new NodeCapabilities(tags), new ResourceCapacity(total, allocated),
                status, hb, joined, zone, draining, identityKey);
    }

    static void agent(BinaryWriter w, AgentPlacement a) {
        w.string(a.agentId());
        agentConfig(w, a.config());
        w.string(a.primaryNode());
        strings(w, a.replicaNodes());
        w.u8(Codes.of(a.state())).signedVarLong(a.createdAt()).signedVarLong(a.lastMigration()).string(a.pendingReason());
        w.varLong(a.runtime().size());
        for (var e : a.runtime().entrySet()) {
            w.string(e.getKey());
            replicaStatus(w, e.getValue());
        }
        w.string(a.idempotencyKey());
        strings(w, a.stopping());
    }

    static void replicaStatus(BinaryWriter w, ReplicaStatus s) {
        w.u8(Codes.of(s.phase())).signedVarLong(s.exitCode()).varLong(s.restarts()).string(s.message())
                .signedVarLong(s.updatedAt());
    }

    static ReplicaStatus replicaStatus(BinaryReader r) {
        var phase = Codes.runtimePhase(r.field("runtime.phase").u8());
        long exit = r.field("runtime.exit_code").signedVarLong();
        long restarts = r.field("runtime.restarts").varLong();
        String message = r.field("runtime.message").string();
        long updated = r.field("runtime.updated_at").signedVarLong();
        return new ReplicaStatus(phase, toInt(exit, "exit code"), toInt(restarts, "restarts"), message, updated);
    }

    static AgentPlacement agent(BinaryReader r) {
        String id = r.field("agent.id").string();
        AgentConfig config = agentConfig(r);
        String primary = r.field("agent.primary_node").string();
        List<String> replicas = strings(r, "agent.replica_nodes");
        var state = Codes.agentState(r.field("agent.state").u8());
        long created = r.field("agent.created_at").signedVarLong();
        long migrated = r.field("agent.last_migration").signedVarLong();
        String reason = r.field("agent.pending_reason").string();
        TreeMap<String, ReplicaStatus> runtime = new TreeMap<>();
        String key = "";
        if (r.version() >= 2) {
            int n = r.field("agent.runtime").count(4);
            for (int i = 0; i < n; i++) {
                runtime.put(r.field("agent.runtime.node").string(), replicaStatus(r));
            }
            key = r.field("agent.idempotency_key").string();
        }
        List<String> stopping = r.version() >= 3 ? strings(r, "agent.stopping") : List.of();
        return new AgentPlacement(id, config, primary, replicas, state, created, migrated, reason, runtime, key, stopping);
    }

    static void allocation(BinaryWriter w, ResourceAllocation a) {
        w.string(a.id()).string(a.owner());
        resources(w, a.resources());
        w.string(a.node()).signedVarLong(a.createdAt()).signedVarLong(a.expiresAt());
    }

    static ResourceAllocation allocation(BinaryReader r) {
        String id = r.field("allocation.id").string();
        String owner = r.field("allocation.owner").string();
        Resources res = resources(r);
        String node = r.field("allocation.node").string();
        long created = r.field("allocation.created_at").signedVarLong();
        long expires = r.field("allocation.expires_at").signedVarLong();
        return new ResourceAllocation(id, owner, res, node, created, expires);
    }

    static void configEntry(BinaryWriter w, ConfigEntry e) {
        w.string(e.key()).string(e.valueJson()).signedVarLong(e.version());
    }

    static ConfigEntry configEntry(BinaryReader r) {
        String key = r.field("config_entry.key").string();
        String value = r.field("config_entry.value").string();
        long version = r.field("config_entry.version").signedVarLong();
        return new ConfigEntry(key, value, version);
    }

    static int toInt(long v, String what) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new CodecException(what + " " + v + " does not fit in 32 bits");
        }
        return (int) v;
    }
}
