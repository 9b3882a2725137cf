package io.cell0.coordinator.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.ConfigUpdate;
import io.cell0.model.codec.CommandCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batcher against a fake Raft: what it groups, in which order results come back, how failures spread. */
class CommandBatcherTest {
    /** Proposals the fake leader has received and not answered yet. */
    final List<CompletableFuture<byte[]>> inFlight = new CopyOnWriteArrayList<>();
    final List<List<Command>> sent = new CopyOnWriteArrayList<>();
    CommandBatcher batcher;

    CompletableFuture<byte[]> fakeRaft(byte[] batch) {
        sent.add(CommandCodec.decodeBatch(batch));
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        inFlight.add(reply);
        return reply;
    }

    /** Answers proposal i: command j of it gets index 100*i + j. */
    void commit(int i) {
        List<CommandResult> results = new ArrayList<>();
        for (int j = 0; j < sent.get(i).size(); j++) {
            results.add(CommandResult.accepted(100L * i + j, j));
        }
        inFlight.get(i).complete(CommandCodec.encodeResults(results));
    }

    static Command cmd(int n) {
        return new ConfigUpdate("k" + n, "1", ConfigUpdate.ANY_VERSION, 0);
    }

    @AfterEach
    void close() {
        if (batcher != null) {
            batcher.close();
        }
    }

    @Test
    void aLoneCommandIsSentAtOnceAndGetsItsResult() throws Exception {
        // A linger of a minute: if it applied to a lone command, nothing would be sent within the wait.
        batcher = new CommandBatcher(this::fakeRaft, 100, 60_000_000, 2, "test", CommandBatcher.BatchObserver.NONE);
        CompletableFuture<CommandResult> f = batcher.submit(cmd(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 1);
        commit(0);
        assertThat(f.get(1, TimeUnit.SECONDS).index()).isEqualTo(0);
    }

    @Test
    void commandsQueuedWhileTheWindowIsFullTravelTogetherAndKeepTheirOrder() throws Exception {
        batcher = new CommandBatcher(this::fakeRaft, 100, 0, 1, "test", CommandBatcher.BatchObserver.NONE);
        CompletableFuture<CommandResult> first = batcher.submit(cmd(0));
        await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 1);
        List<CompletableFuture<CommandResult>> waiting = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            waiting.add(batcher.submit(cmd(n)));
        }
        commit(0);
        await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 2);
        assertThat(sent.get(1)).containsExactlyElementsOf(List.of(cmd(1), cmd(2), cmd(3), cmd(4), cmd(5), cmd(6), cmd(7),
                cmd(8), cmd(9), cmd(10)));
        commit(1);
        assertThat(first.get(1, TimeUnit.SECONDS).index()).isEqualTo(0);
        for (int n = 0; n < 10; n++) {
            assertThat(waiting.get(n).get(1, TimeUnit.SECONDS).index()).isEqualTo(100 + n);
        }
    }

    @Test
    void aBatchNeverExceedsItsLimit() {
        batcher = new CommandBatcher(this::fakeRaft, 3, 0, 1, "test", CommandBatcher.BatchObserver.NONE);
        batcher.submit(cmd(0));
        await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 1);
        for (int n = 1; n <= 7; n++) {
            batcher.submit(cmd(n));
        }
        for (int i = 0; i < 4; i++) {
            int proposal = i;
            await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() > proposal);
            commit(i);
        }
        assertThat(sent).extracting(List::size).containsExactly(1, 3, 3, 1);
    }

    @Test
    void anUnknownOutcomeFailsEveryCommandOfTheBatch() {
        batcher = new CommandBatcher(this::fakeRaft, 100, 0, 1, "test", CommandBatcher.BatchObserver.NONE);
        CompletableFuture<CommandResult> a = batcher.submit(cmd(0));
        await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 1);
        CompletableFuture<CommandResult> b = batcher.submit(cmd(1));
        CompletableFuture<CommandResult> c = batcher.submit(cmd(2));
        inFlight.get(0).completeExceptionally(new ConsensusUnavailableException("leader lost"));
        await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 2);
        inFlight.get(1).completeExceptionally(new ConsensusUnavailableException("leader lost"));
        for (CompletableFuture<CommandResult> f : List.of(a, b, c)) {
            assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ConsensusUnavailableException.class);
        }
    }

    @Test
    void closingFailsWhatIsStillQueuedAndRefusesNewCommands() {
        batcher = new CommandBatcher(this::fakeRaft, 100, 0, 1, "test", CommandBatcher.BatchObserver.NONE);
        batcher.submit(cmd(0));
        await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 1);
        CompletableFuture<CommandResult> queued = batcher.submit(cmd(1));
        batcher.close();
        assertThatThrownBy(() -> queued.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(ConsensusUnavailableException.class);
        assertThat(batcher.submit(cmd(2))).isCompletedExceptionally();
    }
}
