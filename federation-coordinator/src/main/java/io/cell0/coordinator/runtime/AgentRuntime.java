package io.cell0.coordinator.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How a node runs the agents placed on it. The default runs an OS process; a container or VM runtime
 * would implement the same three operations. The {@link AgentSupervisor} decides what should run and
 * reports to the cluster; a runtime only starts, observes and stops.
 */
public interface AgentRuntime {

    /** What to run for one agent on this node. An empty {@code command} means there is nothing to run. */
    record LaunchSpec(String agentId, List<String> command, Map<String, String> env, Path stateDir, long memoryMb) {
        public LaunchSpec {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }
    }

    /** A started agent. */
    interface Handle {
        /** Process id, or -1 when nothing runs (an agent without a command). */
        long pid();

        boolean isAlive();

        /** The exit code once it has exited. */
        OptionalInt exitCode();

        /** Asks it to stop (SIGTERM), and kills it (SIGKILL) after {@code grace}. Returns once it is gone. */
        void stop(Duration grace);
    }

    Handle start(LaunchSpec spec) throws IOException;

    /** One line for operators: what this runtime enforces and what it does not. */
    String describeLimits();
}
