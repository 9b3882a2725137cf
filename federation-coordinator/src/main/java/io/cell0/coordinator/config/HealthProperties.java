package io.cell0.coordinator.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code health:} section of federation.yaml: the thresholds of the Actuator health groups (seed
 * "Health Checks" and the targets of "Cluster Metrics"; README, "Health and metrics").
 *
 * @param replicationWarningEntries a follower further behind than this many log entries makes
 *                                  {@code replication} WARNING (seed: replication lag under 10 entries)
 * @param crossZoneWarningMs        a round trip to another zone slower than this makes
 *                                  {@code connectivity} WARNING (seed: cross-zone latency under 50 ms)
 * @param capacityWarningFreeRatio  less than this share of the healthy nodes' cpu, memory or gpus free
 *                                  makes {@code capacity} WARNING
 * @param quorumContactMs           on the leader, a voter counts as reachable when it answered an append
 *                                  within this long; on a follower, a leader silent this long is a WARNING
 * @param leaderlessCriticalMs      without a leader (or, on a follower, without word from it) this long,
 *                                  {@code consensus} is CRITICAL; shorter is an election: WARNING
 * @param termStableMs              a term that changed less than this long ago makes {@code consensus}
 *                                  WARNING (elections, term churn)
 * @param probeIntervalMs           how often each peer's REST API is probed for the round trip
 * @param probeTimeoutMs            a probe not answered within this long counts the peer unreachable
 * @param typicalAgent              the agent {@code capacity} must still be able to place while the cluster
 *                                  runs no agents (then the median request of the running agents is used)
 */
@Validated
@ConfigurationProperties(prefix = "health", ignoreUnknownFields = false)
public record HealthProperties(
        @Min(0) @Max(100_000_000) @DefaultValue("10") long replicationWarningEntries,
        @Min(0) @Max(600_000) @DefaultValue("50") long crossZoneWarningMs,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.2") double capacityWarningFreeRatio,
        @Min(10) @Max(600_000) @DefaultValue("1000") long quorumContactMs,
        @Min(100) @Max(3_600_000) @DefaultValue("3000") long leaderlessCriticalMs,
        @Min(0) @Max(3_600_000) @DefaultValue("10000") long termStableMs,
        @Min(100) @Max(600_000) @DefaultValue("2000") long probeIntervalMs,
        @Min(50) @Max(600_000) @DefaultValue("1000") long probeTimeoutMs,
        @Valid @NotNull @DefaultValue TypicalAgent typicalAgent) {

    /** The default "typical agent": what one agent is assumed to request. */
    public record TypicalAgent(@Min(0) @DefaultValue("500") long cpuMillis, @Min(0) @DefaultValue("512") long memoryMb,
                               @Min(0) @DefaultValue("0") long gpus, @Min(0) @DefaultValue("0") long storageMb) {
    }

    @AssertTrue(message = "health.probe_timeout_ms must not exceed health.probe_interval_ms")
    public boolean isProbeTimeoutWithinInterval() {
        return probeTimeoutMs <= probeIntervalMs;
    }
}
