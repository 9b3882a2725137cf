package io.cell0.model.codec;

import io.cell0.model.AgentPlacement;
import io.cell0.model.ClusterConfig;
import io.cell0.model.ClusterStateView;
import io.cell0.model.ConfigEntry;
import io.cell0.model.NodeInfo;
import io.cell0.model.ResourceAllocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The canonical encoding of the whole replicated state: used for snapshots and, through its SHA-256,
 * to compare replicas. Maps are written in key order, so equal states give equal bytes.
 */
public final class StateCodec {
    /** Snapshots bigger than this are refused on load rather than exhausting memory. */
    static final int MAX_STATE_BYTES = Integer.MAX_VALUE - 64;

    private StateCodec() {
    }

    public static byte[] encode(ClusterStateView s) {
        BinaryWriter w = Frame.begin(Frame.Kind.STATE, 256 + 128 * (s.nodes().size() + s.agents().size()
                + s.allocations().size() + s.config().entries().size()));
        w.varLong(s.appliedIndex()).varLong(s.epoch()).varLong(s.lastTerm()).varLong(s.config().version());
        w.varLong(s.config().entries().size());
        s.config().entries().values().forEach(e -> ModelCodec.configEntry(w, e));
        w.varLong(s.nodes().size());
        s.nodes().values().forEach(n -> ModelCodec.node(w, n));
        w.varLong(s.agents().size());
        s.agents().values().forEach(a -> ModelCodec.agent(w, a));
        w.varLong(s.allocations().size());
        s.allocations().values().forEach(a -> ModelCodec.allocation(w, a));
        return Frame.finish(w);
    }

    public static ClusterStateView decode(byte[] bytes) {
        BinaryReader r = Frame.open(bytes, Frame.Kind.STATE);
        ClusterStateView view = CommandCodec.guarded(() -> read(r));
        Frame.close(r);
        return view;
    }

    public static void encode(ClusterStateView state, OutputStream out) throws IOException {
        out.write(encode(state));
    }

    public static ClusterStateView decode(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_STATE_BYTES);
        if (in.read() != -1) {
            throw new CodecException("state encoding exceeds " + MAX_STATE_BYTES + " bytes");
        }
        return decode(bytes);
    }

    /**
     * Lower-case hex SHA-256 of the canonical encoding of the state's content. The applied index is
     * left out (encoded as 0): a rejected command consumes a log index but changes nothing, and the
     * hash says so. Replicas with equal hashes hold identical nodes, agents, allocations,
     * configuration and epoch.
     */
    public static String sha256Hex(ClusterStateView state) {
        ClusterStateView content = new ClusterStateView(0, state.epoch(), state.lastTerm(), state.config(), state.nodes(),
                state.agents(), state.allocations());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encode(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static ClusterStateView read(BinaryReader r) {
        long applied = r.field("applied_index").varLong();
        long epoch = r.field("epoch").varLong();
        long lastTerm = r.field("last_term").varLong();
        long configVersion = r.field("config_version").varLong();
        TreeMap<String, ConfigEntry> entries = new TreeMap<>();
        int n = r.field("config entry count").count(3);
        for (int i = 0; i < n; i++) {
            ConfigEntry e = ModelCodec.configEntry(r);
            putUnique(entries, e.key(), e, "config key");
        }
        TreeMap<String, NodeInfo> nodes = new TreeMap<>();
        n = r.field("node count").count(8);
        for (int i = 0; i < n; i++) {
            NodeInfo node = ModelCodec.node(r);
            putUnique(nodes, node.id(), node, "node");
        }
        TreeMap<String, AgentPlacement> agents = new TreeMap<>();
        n = r.field("agent count").count(8);
        for (int i = 0; i < n; i++) {
            AgentPlacement a = ModelCodec.agent(r);
            putUnique(agents, a.agentId(), a, "agent");
        }
        TreeMap<String, ResourceAllocation> allocations = new TreeMap<>();
        n = r.field("allocation count").count(8);
        for (int i = 0; i < n; i++) {
            ResourceAllocation a = ModelCodec.allocation(r);
            putUnique(allocations, a.id(), a, "allocation");
        }
        return new ClusterStateView(applied, epoch, lastTerm, new ClusterConfig(configVersion, entries), nodes, agents, allocations);
    }

    private static <V> void putUnique(TreeMap<String, V> map, String key, V value, String what) {
        if (map.put(key, value) != null) {
            throw new CodecException("duplicate " + what + " '" + key + "' in state encoding");
        }
    }
}
