package io.cell0.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cell0.model.ClusterConfig;
import io.cell0.model.ClusterStateView;
import io.cell0.model.ConfigEntry;
import io.cell0.model.command.AgentKill;
import io.cell0.model.command.ConfigUpdate;
import io.cell0.model.command.Command;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each class of decode error has a message that says what is wrong. */
class CodecErrorsTest {
    static final Command KILL = new AgentKill("agent-1", 1_700_000_000_000L);

    @Test
    void badMagic() {
        byte[] b = CommandCodec.encode(KILL);
        b[0] = 'X';
        assertThatThrownBy(() -> CommandCodec.decode(b)).isInstanceOf(CodecException.class).hasMessageContaining("bad magic");
    }

    @Test
    void unknownVersion() {
        byte[] b = CommandCodec.encode(KILL);
        b[2] = 9;
        assertThatThrownBy(() -> CommandCodec.decode(b)).hasMessageContaining("unsupported format version 9");
    }

    @Test
    void checksumMismatch() {
        byte[] b = CommandCodec.encode(KILL);
        b[6] ^= 0x01;
        assertThatThrownBy(() -> CommandCodec.decode(b)).hasMessageContaining("checksum mismatch");
    }

    @Test
    void wrongFrameKind() {
        byte[] b = CommandCodec.encode(KILL);
        assertThatThrownBy(() -> CommandCodec.decodeBatch(b)).hasMessageContaining("expected a BATCH frame");
    }

    @Test
    void unknownTag() {
        BinaryWriter w = Frame.begin(Frame.Kind.COMMAND, 8).u8(0x2f);
        assertThatThrownBy(() -> CommandCodec.decode(Frame.finish(w))).hasMessageContaining("unknown command tag 0x2f");
    }

    @Test
    void trailingBytes() {
        BinaryWriter w = Frame.begin(Frame.Kind.COMMAND, 16).u8(CommandCodec.AGENT_KILL).string("a").signedVarLong(5).u8(0);
        assertThatThrownBy(() -> CommandCodec.decode(Frame.finish(w))).hasMessageContaining("trailing byte");
    }

    @Test
    void truncatedBodyNamesTheField() {
        BinaryWriter w = Frame.begin(Frame.Kind.COMMAND, 16).u8(CommandCodec.AGENT_KILL).string("a");
        assertThatThrownBy(() -> CommandCodec.decode(Frame.finish(w))).hasMessageContaining("truncated").hasMessageContaining("timestamp");
    }

    @Test
    void aDecodedValueThatBreaksARecordRuleIsADecodeError() {
        BinaryWriter w = Frame.begin(Frame.Kind.COMMAND, 16).u8(CommandCodec.AGENT_KILL).string("has space").signedVarLong(5);
        assertThatThrownBy(() -> CommandCodec.decode(Frame.finish(w))).isExactlyInstanceOf(CodecException.class)
                .hasMessageContaining("invalid").hasMessageContaining("agent_id");
    }

    @Test
    void anImpossibleLengthIsRefusedBeforeAllocating() {
        BinaryWriter w = Frame.begin(Frame.Kind.BATCH, 16).varLong(Long.MAX_VALUE);
        assertThatThrownBy(() -> CommandCodec.decodeBatch(Frame.finish(w))).hasMessageContaining("impossible count");
    }

    @Test
    void equalStatesHashEquallyAndDifferentStatesDifferently() {
        TreeMap<String, ConfigEntry> a = new TreeMap<>();
        a.put("x", new ConfigEntry("x", "1", 1));
        a.put("y", new ConfigEntry("y", "2", 2));
        TreeMap<String, ConfigEntry> b = new TreeMap<>(java.util.Comparator.reverseOrder());
        b.put("y", new ConfigEntry("y", "2", 2));
        b.put("x", new ConfigEntry("x", "1", 1));
        ClusterStateView s1 = new ClusterStateView(5, 1, 1, new ClusterConfig(2, a), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        ClusterStateView s2 = new ClusterStateView(5, 1, 1, new ClusterConfig(2, b), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        assertThat(StateCodec.sha256Hex(s1)).isEqualTo(StateCodec.sha256Hex(s2)).hasSize(64);
        ClusterStateView s3 = new ClusterStateView(5, 2, 1, new ClusterConfig(2, a), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        assertThat(StateCodec.sha256Hex(s3)).isNotEqualTo(StateCodec.sha256Hex(s1));
    }

    /**
     * The current (version-3) layout of one batch, fixed. If this fails the format changed: that needs
     * a new version byte, and the decoder must keep reading the older versions (logs and snapshots
     * outlive builds). Version 1 of the same batch must still decode.
     */
    @Test
    void layoutsAreStable() {
        byte[] bytes = CommandCodec.encodeBatch(List.of(new ConfigUpdate("k", "\"v\"", 0, 1000), KILL));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(GOLDEN_V3);
        assertThat(CommandCodec.decodeBatch(HexFormat.of().parseHex(GOLDEN_V3)))
                .containsExactly(new ConfigUpdate("k", "\"v\"", 0, 1000), KILL);
        assertThat(CommandCodec.decodeBatch(HexFormat.of().parseHex(GOLDEN_V2)))
                .containsExactly(new ConfigUpdate("k", "\"v\"", 0, 1000), KILL);
        assertThat(CommandCodec.decodeBatch(HexFormat.of().parseHex(GOLDEN)))
                .containsExactly(new ConfigUpdate("k", "\"v\"", 0, 1000), KILL);
    }

    static final String GOLDEN_V3 = "433003020205016b0322762200d00f02076167656e742d3180a0abfef9622d45ec49";
    static final String GOLDEN = "433001020205016b0322762200d00f02076167656e742d3180a0abfef9626c828cd0";

    static final String GOLDEN_V2 = "433002020205016b0322762200d00f02076167656e742d3180a0abfef9628f50677d";
}
