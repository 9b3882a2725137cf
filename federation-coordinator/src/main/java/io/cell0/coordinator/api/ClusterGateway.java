package io.cell0.coordinator.api;

import io.cell0.coordinator.config.ConsensusProperties;
import io.cell0.coordinator.consensus.ConsensusNode;
import io.cell0.coordinator.consensus.ConsensusUnavailableException;
import io.cell0.coordinator.core.ClusterState;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
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

    public <T> T read(boolean stale, Function<ClusterState, T> reader) {
        if (!stale) {
            await(consensus.readBarrier(), "linearizable read");
        }
        return consensus.read(reader);
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
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
