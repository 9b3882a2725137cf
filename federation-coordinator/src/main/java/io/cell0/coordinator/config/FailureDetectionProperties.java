package io.cell0.coordinator.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code failure_detection:} section of federation.yaml: heartbeats, the leader's phi-accrual
 * detector, and the lease that keeps an agent from running on two nodes at once. Every node sends
 * a heartbeat to the leader every {@code consensus.heartbeat_interval_ms}.
 *
 * @param enabled             send heartbeats and judge nodes (false: statuses never change by themselves)
 * @param phiThreshold        phi at which the leader declares a node DOWN (Akka's default: 8)
 * @param suspectThreshold    phi at which it declares a node SUSPECT
 * @param sampleWindow        heartbeat intervals remembered per node
 * @param minStdDeviationMs   floor of the interval's standard deviation, so very regular heartbeats
 *                            do not make the detector jumpy
 * @param acceptablePauseMs   a silence this long (a GC pause, a short stall) costs a node nothing
 * @param graceMs             a new leader declares nobody SUSPECT or DOWN before this much time in office
 * @param leaseMs             a node keeps running its agents this long after the last heartbeat the
 *                            leader acknowledged while it had a quorum; then it stops them
 * @param leaseMarginMs       the leader releases a DOWN node's agents only this long after that node's
 *                            lease can have ended at the latest (clock-rate drift, a slow process kill)
 */
@Validated
@ConfigurationProperties(prefix = "failure-detection", ignoreUnknownFields = false)
public record FailureDetectionProperties(
        @DefaultValue("true") boolean enabled,
        @DecimalMin("0.5") @DecimalMax("100") @DefaultValue("8.0") double phiThreshold,
        @DecimalMin("0.1") @DecimalMax("100") @DefaultValue("3.0") double suspectThreshold,
        @Min(2) @Max(100_000) @DefaultValue("1000") int sampleWindow,
        @Min(1) @Max(60_000) @DefaultValue("100") long minStdDeviationMs,
        @Min(0) @Max(600_000) @DefaultValue("1000") long acceptablePauseMs,
        @Min(0) @Max(600_000) @DefaultValue("2000") long graceMs,
        @Min(100) @Max(600_000) @DefaultValue("2500") long leaseMs,
        @Min(0) @Max(600_000) @DefaultValue("1000") long leaseMarginMs) {

    @AssertTrue(message = "failure_detection.suspect_threshold must be below failure_detection.phi_threshold")
    public boolean isSuspectBelowDown() {
        return suspectThreshold < phiThreshold;
    }
}
