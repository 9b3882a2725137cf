package io.cell0.coordinator.api;

import io.cell0.coordinator.config.ConsensusProperties;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.coordinator.consensus.ConsensusUnavailableException;
import io.cell0.coordinator.core.ClusterState;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What controllers use to reach the replicated state: propose a command and wait for its result,
 * or read — linearizably by default, from the local replica when the caller asks for stale data.
 */
@Component
public class ClusterGateway {
    private final ConsensusNode consensus;
    private final long timeoutMs;

    ClusterGateway(ConsensusNode consensus, ConsensusProperties properties) {
        this.consensus = consensus;
        this.timeoutMs = properties.requestTimeoutMs();
    }

    /** Proposes and waits. A rejection comes back as a result; no quorum in time is an exception. */
    public CommandResult submit(Command command) {
        return await(consensus.propose(command), "write");
    }

    /**
     * Proposes every command before waiting for any, so they travel to the leader together and
     * share Raft log entries. Results come back in the order of the commands. If the quorum does
     * not answer in time the call fails as a whole; commands already committed stay committed.
     */
    public List<CommandResult> submitAll(List<? extends Command> commands) {
        List<CompletableFuture<CommandResult>> pending = new ArrayList<>(commands.size());
        for (Command c : commands) {
            pending.add(consensus.propose(c));
        }
        List<CommandResult> results = new ArrayList<>(commands.size());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (CompletableFuture<CommandResult> f : pending) {
            results.add(await(f, "batch write", Math.max(0, deadline - System.nanoTime())));
        }
        return results;
    }

    public <T> T read(boolean stale, Function<ClusterState, T> reader) {
        if (!stale) {
            try {
                await(consensus.readBarrier(), "linearizable read");
            } catch (ConsensusUnavailableException e) {
                consensus.readBarrierFailed();
                throw e;
            }
        }
        return consensus.read(reader);
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        return await(future, what, TimeUnit.MILLISECONDS.toNanos(timeoutMs));
    }

    private <T> T await(CompletableFuture<T> future, String what, long timeoutNanos) {
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ConsensusUnavailableException(what + " got no quorum within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsensusUnavailableException(what + " interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConsensusUnavailableException cu) {
                throw cu;
            }
            throw new ConsensusUnavailableException(what + " failed: " + cause, cause);
        }
    }
}
