package io.cell0.coordinator.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code runtime:} section of federation.yaml: the node agent runtime that runs the agents placed on
 * this node.
 *
 * @param enabled          run agents placed on this node (false: the node only takes part in consensus)
 * @param agentsDir        where each agent gets its state directory; empty = {@code <node.data_dir>/agents}
 * @param stopGraceMs      how long a stopped agent gets between SIGTERM and SIGKILL
 * @param reconcileMs      how often the runtime compares what should run with what runs
 * @param maxBackoffMs     longest wait before restarting an agent that exited
 */
@Validated
@ConfigurationProperties(prefix = "runtime", ignoreUnknownFields = false)
public record RuntimeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String agentsDir,
        @Min(0) @Max(600_000) @DefaultValue("5000") long stopGraceMs,
        @Min(20) @Max(60_000) @DefaultValue("250") long reconcileMs,
        @Min(100) @Max(3_600_000) @DefaultValue("30000") long maxBackoffMs) {
}
