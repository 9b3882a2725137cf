package io.cell0.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.model.AgentState;
import io.cell0.model.ClusterStateView;
import io.cell0.model.command.AgentSpawn;
import io.cell0.model.command.Command;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Bytes written by the version-1 format (before agents carried data, zones, idempotency keys and
 * runtime status) still decode: logs and snapshots written by an older build must stay readable.
 * The hex strings were produced by the version-1 codec and are frozen here.
 */
class FormatVersionTest {
    private static final String V1_SPAWN = "4330010101076167656e742d310464656d6f137b22636f6d6d616e64223a22736c656570227df4038002000a02067a6f6e652d6106000080a0abfef9626710a38a";
    private static final String V1_STATE = "4330010407010200000001076167656e742d310464656d6f137b22636f6d6d616e64223a22736c656570227df4038002000a02067a6f6e652d6106026e3101026e32020a0000004d205540";

    @Test
    void aVersionOneAgentSpawnDecodesWithEmptyNewFields() {
        Command c = CommandCodec.decode(HexFormat.of().parseHex(V1_SPAWN));
        assertThat(c).isInstanceOf(AgentSpawn.class);
        AgentSpawn spawn = (AgentSpawn) c;
        assertThat(spawn.agentId()).isEqualTo("agent-1");
        assertThat(spawn.config().replicas()).isEqualTo(2);
        assertThat(spawn.config().preferredZone()).isEqualTo("zone-a");
        assertThat(spawn.config().configJson()).isEqualTo("{\"command\":\"sleep\"}");
        assertThat(spawn.config().requiredData()).isEmpty();
        assertThat(spawn.config().allowedZones()).isEmpty();
        assertThat(spawn.idempotencyKey()).isEmpty();
        assertThat(spawn.timestamp()).isEqualTo(1700000000000L);
    }

    @Test
    void aVersionOneSnapshotDecodesWithEmptyRuntimeStatus() {
        ClusterStateView v = StateCodec.decode(HexFormat.of().parseHex(V1_STATE));
        assertThat(v.appliedIndex()).isEqualTo(7);
        var agent = v.agents().get("agent-1");
        assertThat(agent.state()).isEqualTo(AgentState.RUNNING);
        assertThat(agent.nodes()).containsExactly("n1", "n2");
        assertThat(agent.runtime()).isEmpty();
        assertThat(agent.idempotencyKey()).isEmpty();
    }

    /** A version-2 snapshot: node n1 and agent-1 on it, written by the version-2 codec before drains existed. */
    private static final String V2_STATE = "43300204090102000001026e31010c3132372e302e302e31313a310c3132372e302e302e31313a3200e807800800006440000001000a017a01076167656e742d310464656d6f027b7d644000000100000000026e3100020a000000056b65792d31007ae1847f";

    @Test
    void aVersionTwoSnapshotDecodesWithNothingDrainingOrStopping() {
        ClusterStateView v = StateCodec.decode(HexFormat.of().parseHex(V2_STATE));
        assertThat(v.appliedIndex()).isEqualTo(9);
        assertThat(v.nodes().get("n1").draining()).isFalse();
        assertThat(v.nodes().get("n1").zone()).isEqualTo("z");
        var agent = v.agents().get("agent-1");
        assertThat(agent.nodes()).containsExactly("n1");
        assertThat(agent.idempotencyKey()).isEqualTo("key-1");
        assertThat(agent.stopping()).isEmpty();
    }

    @Test
    void newEncodingsCarryTheCurrentVersion() {
        byte[] bytes = CommandCodec.encode(CommandCodec.decode(HexFormat.of().parseHex(V1_SPAWN)));
        assertThat(bytes[2] & 0xFF).isEqualTo(Frame.VERSION).isEqualTo(3);
    }
}
