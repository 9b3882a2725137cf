package io.cell0.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cell0.model.ClusterStateView;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Every command, batch, result list and state round-trips; truncated, corrupted and random bytes
 * give a {@link CodecException} — never another exception, and never a different value.
 */
class CodecPropertiesTest {

    @Provide
    Arbitrary<Command> commands() {
        return Generators.commands();
    }

    @Provide
    Arbitrary<List<Command>> batches() {
        return Generators.commands().list().ofMaxSize(50);
    }

    @Provide
    Arbitrary<List<CommandResult>> results() {
        return Generators.results().list().ofMaxSize(50);
    }

    @Provide
    Arbitrary<ClusterStateView> states() {
        return Generators.states();
    }

    @Property
    void everyCommandRoundTrips(@ForAll("commands") Command c) {
        assertThat(CommandCodec.decode(CommandCodec.encode(c))).isEqualTo(c);
    }

    @Property
    void everyBatchRoundTrips(@ForAll("batches") List<Command> batch) {
        assertThat(CommandCodec.decodeBatch(CommandCodec.encodeBatch(batch))).isEqualTo(batch);
    }

    @Property
    void everyResultListRoundTrips(@ForAll("results") List<CommandResult> results) {
        assertThat(CommandCodec.decodeResults(CommandCodec.encodeResults(results))).isEqualTo(results);
    }

    @Property(tries = 300)
    void everyStateRoundTrips(@ForAll("states") ClusterStateView state) {
        assertThat(StateCodec.decode(StateCodec.encode(state))).isEqualTo(state);
    }

    @Property
    void everyTruncationOfACommandIsADecodeError(@ForAll("commands") Command c) {
        byte[] bytes = CommandCodec.encode(c);
        for (int len = 0; len < bytes.length; len++) {
            byte[] prefix = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> CommandCodec.decode(prefix)).isExactlyInstanceOf(CodecException.class);
        }
    }

    @Property(tries = 200)
    void everyTruncationOfAStateIsADecodeError(@ForAll("states") ClusterStateView s) {
        byte[] bytes = StateCodec.encode(s);
        for (int len = 0; len < bytes.length; len += Math.max(1, bytes.length / 64)) {
            byte[] prefix = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> StateCodec.decode(prefix)).isExactlyInstanceOf(CodecException.class);
        }
    }

    @Property
    void corruptedCommandBytesNeverDecodeToADifferentCommand(@ForAll("commands") Command c,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> positions,
            @ForAll @Size(min = 4, max = 4) List<@IntRange(min = 1, max = 255) Integer> flips) {
        byte[] bytes = CommandCodec.encode(c);
        for (int i = 0; i < positions.size(); i++) {
            bytes[positions.get(i) % bytes.length] ^= flips.get(i).byteValue();
        }
        assertDecodesToSameOrFails(bytes, c, CommandCodec::decode);
    }

    @Property
    void corruptedBatchBytesNeverDecodeToADifferentBatch(@ForAll("batches") List<Command> batch,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position, @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] bytes = CommandCodec.encodeBatch(batch);
        bytes[position % bytes.length] ^= (byte) flip;
        assertDecodesToSameOrFails(bytes, batch, CommandCodec::decodeBatch);
    }

    @Property
    void randomBytesAreADecodeError(@ForAll @Size(max = 200) byte[] junk) {
        for (Function<byte[], ?> decoder : List.<Function<byte[], ?>>of(CommandCodec::decode, CommandCodec::decodeBatch,
                CommandCodec::decodeResults, StateCodec::decode)) {
            assertThatThrownBy(() -> decoder.apply(junk)).isExactlyInstanceOf(CodecException.class);
        }
    }

    @Property
    void randomBodiesBehindAValidEnvelopeAreADecodeError(@ForAll @Size(max = 100) byte[] body,
            @ForAll @IntRange(min = 1, max = 4) int kind) {
        // A valid magic, version and checksum around garbage: only the body parser stands between
        // the bytes and a command, and it must fail cleanly.
        BinaryWriter w = new BinaryWriter(body.length + 8).u8('C').u8('0').u8(Frame.VERSION).u8(kind);
        for (byte b : body) {
            w.u8(b);
        }
        byte[] framed = Frame.finish(w);
        for (Function<byte[], ?> decoder : List.<Function<byte[], ?>>of(CommandCodec::decode, CommandCodec::decodeBatch,
                CommandCodec::decodeResults, StateCodec::decode)) {
            Throwable t = catchThrowable(() -> decoder.apply(framed));
            if (t != null) {
                assertThat(t).isExactlyInstanceOf(CodecException.class);
            }
        }
    }

    @Property(tries = 200)
    void theHashDependsOnContentNotOnInsertionOrder(@ForAll("states") ClusterStateView s) {
        ClusterStateView copy = StateCodec.decode(StateCodec.encode(s));
        assertThat(StateCodec.sha256Hex(copy)).isEqualTo(StateCodec.sha256Hex(s));
        ClusterStateView laterIndex = new ClusterStateView(s.appliedIndex() + 1, s.epoch(), s.lastTerm(), s.config(), s.nodes(),
                s.agents(), s.allocations());
        assertThat(StateCodec.sha256Hex(laterIndex)).as("the applied index is not content").isEqualTo(StateCodec.sha256Hex(s));
        ClusterStateView nextEpoch = new ClusterStateView(s.appliedIndex(), s.epoch() + 1, s.lastTerm(), s.config(), s.nodes(),
                s.agents(), s.allocations());
        assertThat(StateCodec.sha256Hex(nextEpoch)).isNotEqualTo(StateCodec.sha256Hex(s));
    }

    private static <T> void assertDecodesToSameOrFails(byte[] bytes, T original, Function<byte[], T> decoder) {
        Throwable t = catchThrowable(() -> {
            T decoded = decoder.apply(bytes);
            assertThat(decoded).isEqualTo(original);
        });
        if (t != null && !(t instanceof CodecException)) {
            throw new AssertionError("corrupt bytes gave " + t, t);
        }
    }

}
