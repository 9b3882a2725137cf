package io.cell0.model.codec;

import io.cell0.model.NodeCapabilities;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of commands, of batches (one Raft log entry holding many commands) and of the
 * per-command results that go back to the proposer. Each command type has a fixed tag; a new
 * command gets a new tag and old tags keep their meaning.
 */
public final class CommandCodec {
    static final int AGENT_SPAWN = 1;
    static final int AGENT_KILL = 2;
    static final int RESOURCE_ALLOC = 3;
    static final int RESOURCE_FREE = 4;
    static final int CONFIG_UPDATE = 5;
    static final int NODE_JOIN = 6;
    static final int NODE_LEAVE = 7;
    static final int PLACEMENT_PLAN = 8;
    static final int AGENT_STATUS = 9;
    static final int NODE_STATUS = 10;
    static final int NODE_DRAIN = 11;
    static final int AGENT_EVICT = 12;

    private CommandCodec() {
    }

    public static byte[] encode(Command command) {
        BinaryWriter w = Frame.begin(Frame.Kind.COMMAND, 64);
        write(w, command);
        return Frame.finish(w);
    }

    public static Command decode(byte[] bytes) {
        BinaryReader r = Frame.open(bytes, Frame.Kind.COMMAND);
        Command c = guarded(() -> read(r));
        Frame.close(r);
        return c;
    }

    public static byte[] encodeBatch(List<Command> commands) {
        BinaryWriter w = Frame.begin(Frame.Kind.BATCH, 16 + 64 * commands.size());
        w.varLong(commands.size());
        for (Command c : commands) {
            write(w, c);
        }
        return Frame.finish(w);
    }

    public static List<Command> decodeBatch(byte[] bytes) {
        BinaryReader r = Frame.open(bytes, Frame.Kind.BATCH);
        List<Command> out = guarded(() -> {
            int n = r.field("batch size").count(2);
            List<Command> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(read(r));
            }
            return list;
        });
        Frame.close(r);
        return out;
    }

    public static byte[] encodeResults(List<CommandResult> results) {
        BinaryWriter w = Frame.begin(Frame.Kind.RESULTS, 8 + 8 * results.size());
        w.varLong(results.size());
        for (CommandResult res : results) {
            w.varLong(res.index()).u8(res.reason() == null ? 0 : Codes.of(res.reason())).string(res.message())
                    .signedVarLong(res.version());
        }
        return Frame.finish(w);
    }

    public static List<CommandResult> decodeResults(byte[] bytes) {
        BinaryReader r = Frame.open(bytes, Frame.Kind.RESULTS);
        List<CommandResult> out = guarded(() -> {
            int n = r.field("result count").count(4);
            List<CommandResult> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long index = r.field("result.index").varLong();
                int reason = r.field("result.reason").u8();
                String message = r.field("result.message").string();
                long version = r.field("result.version").signedVarLong();
                list.add(new CommandResult(index, reason == 0 ? null : Codes.rejectReason(reason), message, version));
            }
            return list;
        });
        Frame.close(r);
        return out;
    }

    private static void write(BinaryWriter w, Command command) {
        if (command instanceof AgentSpawn c) {
            w.u8(AGENT_SPAWN).string(c.agentId());
            ModelCodec.agentConfig(w, c.config());
            w.string(c.nodeId());
            ModelCodec.strings(w, c.replicaNodes());
            w.string(c.idempotencyKey());
        } else if (command instanceof AgentKill c) {
            w.u8(AGENT_KILL).string(c.agentId());
        } else if (command instanceof ResourceAlloc c) {
            w.u8(RESOURCE_ALLOC).string(c.allocationId()).string(c.agentId()).string(c.nodeId());
            ModelCodec.resources(w, c.resources());
            w.signedVarLong(c.expiresAt());
        } else if (command instanceof ResourceFree c) {
            w.u8(RESOURCE_FREE).string(c.allocationId());
        } else if (command instanceof ConfigUpdate c) {
            w.u8(CONFIG_UPDATE).string(c.key()).string(c.valueJson()).signedVarLong(c.expectedVersion());
        } else if (command instanceof NodeJoin c) {
            w.u8(NODE_JOIN).string(c.nodeId()).u8(Codes.of(c.role())).string(c.address()).string(c.apiAddress())
                    .string(c.zone());
            ModelCodec.strings(w, c.capabilities().tags());
            ModelCodec.resources(w, c.capacity());
            w.string(c.identityKey());
        } else if (command instanceof NodeLeave c) {
            w.u8(NODE_LEAVE).string(c.nodeId());
        } else if (command instanceof PlacementPlan c) {
            w.u8(PLACEMENT_PLAN).string(c.planId()).varLong(c.readIndex()).varLong(c.placements().size());
            for (PlacementPlan.Placement p : c.placements()) {
                w.string(p.agentId());
                ModelCodec.strings(w, p.nodes());
            }
            w.varLong(c.deferred().size());
            for (PlacementPlan.Deferred d : c.deferred()) {
                w.string(d.agentId()).string(d.reason());
            }
        } else if (command instanceof AgentStatusReport c) {
            w.u8(AGENT_STATUS).string(c.agentId()).string(c.nodeId());
            ModelCodec.replicaStatus(w, c.status());
        } else if (command instanceof NodeStatusChange c) {
            w.u8(NODE_STATUS).string(c.nodeId()).u8(Codes.of(c.status())).varLong(c.leaderTerm())
                    .u8(c.releaseAgents() ? 1 : 0).string(c.reason());
        } else if (command instanceof NodeDrain c) {
            w.u8(NODE_DRAIN).string(c.nodeId()).u8(c.draining() ? 1 : 0);
        } else if (command instanceof AgentEvict c) {
            w.u8(AGENT_EVICT).string(c.agentId()).string(c.nodeId()).string(c.reason());
        } else {
            // Unreachable while Command is sealed; a new command must get a tag here.
            throw new IllegalArgumentException("no tag for command " + command.type());
        }
        w.signedVarLong(command.timestamp());
    }

    private static Command read(BinaryReader r) {
        int at = r.position();
        int tag = r.field("command tag").u8();
        Command c = switch (tag) {
            case AGENT_SPAWN -> {
                String id = r.field("AgentSpawn.agent_id").string();
                var config = ModelCodec.agentConfig(r);
                String node = r.field("AgentSpawn.node_id").string();
                List<String> replicas = ModelCodec.strings(r, "AgentSpawn.replica_nodes");
                String key = r.version() >= 2 ? r.field("AgentSpawn.idempotency_key").string() : "";
                yield new AgentSpawn(id, config, node, replicas, timestamp(r), key);
            }
            case AGENT_KILL -> new AgentKill(r.field("AgentKill.agent_id").string(), timestamp(r));
            case RESOURCE_ALLOC -> {
                String id = r.field("ResourceAlloc.allocation_id").string();
                String agent = r.field("ResourceAlloc.agent_id").string();
                String node = r.field("ResourceAlloc.node_id").string();
                var res = ModelCodec.resources(r);
                long expires = r.field("ResourceAlloc.expires_at").signedVarLong();
                yield new ResourceAlloc(id, agent, node, res, expires, timestamp(r));
            }
            case RESOURCE_FREE -> new ResourceFree(r.field("ResourceFree.allocation_id").string(), timestamp(r));
            case CONFIG_UPDATE -> {
                String key = r.field("ConfigUpdate.key").string();
                String value = r.field("ConfigUpdate.value").string();
                long expected = r.field("ConfigUpdate.expected_version").signedVarLong();
                yield new ConfigUpdate(key, value, expected, timestamp(r));
            }
            case NODE_JOIN -> {
                String id = r.field("NodeJoin.node_id").string();
                var role = Codes.nodeRole(r.field("NodeJoin.role").u8());
                String address = r.field("NodeJoin.address").string();
                String api = r.field("NodeJoin.api_address").string();
                String zone = r.field("NodeJoin.zone").string();
                List<String> tags = ModelCodec.strings(r, "NodeJoin.capabilities");
                var capacity = ModelCodec.resources(r);
                String identityKey = r.version() >= 3 ? r.field("NodeJoin.identity_key").string() : "";
                yield new NodeJoin(id, role, address, api, zone, new NodeCapabilities(tags), capacity, timestamp(r), identityKey);
            }
            case NODE_LEAVE -> new NodeLeave(r.field("NodeLeave.node_id").string(), timestamp(r));
            case PLACEMENT_PLAN -> {
                String id = r.field("PlacementPlan.plan_id").string();
                long readIndex = r.field("PlacementPlan.read_index").varLong();
                int n = r.field("PlacementPlan.placements").count(2);
                List<PlacementPlan.Placement> placements = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String agent = r.field("PlacementPlan.agent_id").string();
                    placements.add(new PlacementPlan.Placement(agent, ModelCodec.strings(r, "PlacementPlan.nodes")));
                }
                int m = r.field("PlacementPlan.deferred").count(2);
                List<PlacementPlan.Deferred> deferred = new ArrayList<>(m);
                for (int i = 0; i < m; i++) {
                    String agent = r.field("PlacementPlan.deferred.agent_id").string();
                    deferred.add(new PlacementPlan.Deferred(agent, r.field("PlacementPlan.deferred.reason").string()));
                }
                yield new PlacementPlan(id, readIndex, placements, deferred, timestamp(r));
            }
            case AGENT_STATUS -> {
                String agent = r.field("AgentStatusReport.agent_id").string();
                String node = r.field("AgentStatusReport.node_id").string();
                yield new AgentStatusReport(agent, node, ModelCodec.replicaStatus(r), timestamp(r));
            }
            case NODE_STATUS -> {
                String node = r.field("NodeStatusChange.node_id").string();
                var status = Codes.nodeStatus(r.field("NodeStatusChange.status").u8());
                long term = r.field("NodeStatusChange.leader_term").varLong();
                int release = r.field("NodeStatusChange.release_agents").u8();
                if (release > 1) {
                    throw new CodecException("NodeStatusChange.release_agents: " + release + " is not a boolean");
                }
                String reason = r.field("NodeStatusChange.reason").string();
                yield new NodeStatusChange(node, status, term, release == 1, reason, timestamp(r));
            }
            case NODE_DRAIN -> {
                String node = r.field("NodeDrain.node_id").string();
                int draining = r.field("NodeDrain.draining").u8();
                if (draining > 1) {
                    throw new CodecException("NodeDrain.draining: " + draining + " is not a boolean");
                }
                yield new NodeDrain(node, draining == 1, timestamp(r));
            }
            case AGENT_EVICT -> {
                String agent = r.field("AgentEvict.agent_id").string();
                String node = r.field("AgentEvict.node_id").string();
                yield new AgentEvict(agent, node, r.field("AgentEvict.reason").string(), timestamp(r));
            }
            default -> throw new CodecException(String.format("unknown command tag 0x%02x at offset %d", tag, at));
        };
        return c;
    }

    private static long timestamp(BinaryReader r) {
        return r.field("timestamp").signedVarLong();
    }

    /** Record constructors validate; an invalid decoded value is a decode error like any other. */
    static <T> T guarded(java.util.function.Supplier<T> decode) {
        try {
            return decode.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CodecException("decoded value is invalid: " + e.getMessage(), e);
        }
    }
}
