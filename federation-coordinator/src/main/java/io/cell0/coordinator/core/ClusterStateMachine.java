package io.cell0.coordinator.core;

import io.cell0.model.command.AgentKill;
import io.cell0.model.command.AgentSpawn;
import io.cell0.model.command.AgentStatusReport;
import io.cell0.model.command.NodeStatusChange;
import io.cell0.model.command.NodeDrain;
import io.cell0.model.command.AgentEvict;
import io.cell0.model.command.PlacementPlan;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.ConfigUpdate;
import io.cell0.model.command.NodeJoin;
import io.cell0.model.command.NodeLeave;
import io.cell0.model.command.RejectReason;
import io.cell0.model.command.ResourceAlloc;
import io.cell0.model.command.ResourceFree;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code apply(state, index, command) -> result}: the only way the replicated state changes.
 *
 * <p>Every rule validates first and mutates last, so a rejected command is a result with a reason
 * and leaves the state exactly as it was (only the applied index moves). The commands of one log
 * entry (a batch) share that entry's index and are applied in their order in the batch.
 */
public final class ClusterStateMachine {
    private ClusterStateMachine() {
    }

    public static List<CommandResult> applyBatch(ClusterState state, long index, List<Command> commands) {
        List<CommandResult> results = new ArrayList<>(commands.size());
        for (Command c : commands) {
            results.add(apply(state, index, c));
        }
        if (commands.isEmpty()) {
            advance(state, index);
        }
        return results;
    }

    public static CommandResult apply(ClusterState state, long index, Command command) {
        advance(state, index);
        try {
            return dispatch(state, index, command);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // Thrown only while building new values, before anything was written: nothing changed.
            return CommandResult.rejected(index, RejectReason.INVALID, command.type() + ": " + e.getMessage());
        }
    }

    private static CommandResult dispatch(ClusterState s, long index, Command command) {
        if (command instanceof ConfigUpdate c) {
            return ConfigRules.update(s, index, c);
        } else if (command instanceof NodeJoin c) {
            return NodeRules.join(s, index, c);
        } else if (command instanceof NodeLeave c) {
            return NodeRules.leave(s, index, c);
        } else if (command instanceof AgentSpawn c) {
            return AgentRules.spawn(s, index, c);
        } else if (command instanceof AgentKill c) {
            return AgentRules.kill(s, index, c);
        } else if (command instanceof ResourceAlloc c) {
            return AllocationRules.allocate(s, index, c);
        } else if (command instanceof ResourceFree c) {
            return AllocationRules.free(s, index, c);
        } else if (command instanceof PlacementPlan c) {
            return PlacementRules.plan(s, index, c);
        } else if (command instanceof AgentStatusReport c) {
            return RuntimeRules.report(s, index, c);
        } else if (command instanceof NodeStatusChange c) {
            return NodeRules.statusChange(s, index, c);
        } else if (command instanceof NodeDrain c) {
            return DrainRules.drain(s, index, c);
        } else if (command instanceof AgentEvict c) {
            return DrainRules.evict(s, index, c);
        }
        // Unreachable while Command is sealed and every type is handled above.
        return CommandResult.rejected(index, RejectReason.INVALID, "no rule for " + command.type());
    }

    /**
     * The first entry of a new leader's term has committed (seed "fencing"): the epoch rises. Called
     * by the adapter, in log order, on every replica; a term not newer than the last one seen is
     * ignored, so replaying the log after a restart cannot raise the epoch twice.
     */
    public static void onLeaderTermCommitted(ClusterState state, long index, long term) {
        if (term <= state.lastTerm) {
            return;
        }
        advance(state, index);
        state.lastTerm = term;
        state.epoch++;
    }

    private static void advance(ClusterState state, long index) {
        if (index < state.appliedIndex) {
            throw new IllegalStateException("index " + index + " is behind the applied index " + state.appliedIndex
                    + ": entries must be applied once, in log order");
        }
        state.appliedIndex = index;
    }
}
