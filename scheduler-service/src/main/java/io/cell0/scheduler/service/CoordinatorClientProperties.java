package io.cell0.scheduler.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cell0.coordinator.*}: how the scheduler reaches the cluster.
 *
 * @param urls          REST base URLs of coordinators; the scheduler watches one and moves to the next when it fails
 * @param watchTimeoutMs how long one watch long-poll may wait for a change
 * @param retryMs       pause before trying the next coordinator after a failure
 * @param maxPlanSize   most placements sent in one plan
 * @param replanMs      how often pending agents are planned again even when nothing changed
 * @param enabled       false: serve the explain API but do not place anything (e.g. a standby replica)
 */
@Validated
@ConfigurationProperties(prefix = "cell0.coordinator")
public record CoordinatorClientProperties(
        @NotEmpty(message = "must list at least one coordinator URL")
        @DefaultValue("https://127.0.0.1:8080") List<@Pattern(regexp = "https?://[^\\s/]+(:[0-9]+)?/?",
                message = "must be an http(s)://host:port URL") String> urls,
        @Min(0) @Max(60_000) @DefaultValue("25000") long watchTimeoutMs,
        @Min(10) @Max(60_000) @DefaultValue("500") long retryMs,
        @Min(1) @Max(10_000) @DefaultValue("2000") int maxPlanSize,
        @Min(100) @Max(600_000) @DefaultValue("5000") long replanMs,
        @DefaultValue("true") boolean enabled) {
}
