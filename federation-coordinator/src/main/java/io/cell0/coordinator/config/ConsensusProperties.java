package io.cell0.coordinator.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code consensus:} section of federation.yaml.
 *
 * @param heartbeatIntervalMs   how often nodes heartbeat; must be below half the minimum election
 *                              timeout (Ratis sends its own AppendEntries heartbeat every
 *                              election_timeout_min_ms / 2)
 * @param byzantineTolerance    f, the number of lying voters quarantine votes must survive
 * @param minNodes              voters the configuration promises (seed {@code min_nodes})
 * @param snapshotThreshold     log entries between automatic snapshots
 * @param snapshotRetention     snapshot files kept on disk
 * @param batchMaxCommands      most commands grouped into one log entry
 * @param batchLingerMicros     how long a batch waits for company once a command is queued; 0 = send at once
 * @param maxOutstandingBatches batches in flight from one node at a time
 * @param requestTimeoutMs      how long a write or linearizable read waits for a quorum before 503
 * @param logSegmentSizeKb      Raft log segment size; the log is purged a whole closed segment at a time
 * @param logPreservationEntries log entries kept before the newest snapshot when the log is purged, so
 *                              a follower that fell a little behind catches up from the log instead
 *                              of a snapshot (see README, "Known issues", for why this matters with Ratis 3.2.2)
 * @param linkStallMs           a leader opens a new connection to a follower that has not answered its
 *                              appends for this long (a connection that carried data through a network
 *                              partition can stay silent long after the partition heals)
 */
@Validated
@ConfigurationProperties(prefix = "consensus", ignoreUnknownFields = false)
public record ConsensusProperties(
        @Min(10) @Max(60_000) @DefaultValue("100") int heartbeatIntervalMs,
        @Min(50) @Max(60_000) @DefaultValue("150") int electionTimeoutMinMs,
        @Min(50) @Max(120_000) @DefaultValue("300") int electionTimeoutMaxMs,
        @Min(0) @Max(100) @DefaultValue("0") int byzantineTolerance,
        @Min(1) @Max(100) @DefaultValue("1") int minNodes,
        @Min(2) @DefaultValue("10000") long snapshotThreshold,
        @Min(1) @Max(100) @DefaultValue("2") int snapshotRetention,
        @Min(1) @Max(10_000) @DefaultValue("256") int batchMaxCommands,
        @Min(0) @Max(100_000) @DefaultValue("200") int batchLingerMicros,
        @Min(1) @Max(1_000) @DefaultValue("32") int maxOutstandingBatches,
        @Min(100) @Max(600_000) @DefaultValue("5000") int requestTimeoutMs,
        @Min(64) @Max(1 << 20) @DefaultValue("8192") int logSegmentSizeKb,
        @Min(0) @Max(100_000_000) @DefaultValue("1024") long logPreservationEntries,
        @Min(200) @Max(600_000) @DefaultValue("2000") int linkStallMs) {

    @AssertTrue(message = "election_timeout_max_ms must be greater than election_timeout_min_ms")
    public boolean isElectionRangeOrdered() {
        return electionTimeoutMaxMs > electionTimeoutMinMs;
    }

    @AssertTrue(message = "heartbeat_interval_ms must be less than election_timeout_min_ms")
    public boolean isHeartbeatShorterThanElection() {
        return heartbeatIntervalMs < electionTimeoutMinMs;
    }

    /**
     * Seed BFT rule: tolerating f Byzantine voters needs at least 3f+1 of them ({@code BFTParams.for_node_count}).
     */
    @AssertTrue(message = "byzantine_tolerance f needs min_nodes >= 3f+1")
    public boolean isByzantineToleranceAchievable() {
        return minNodes >= 3 * byzantineTolerance + 1;
    }
}
