package io.cell0.coordinator.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code drain:} section of federation.yaml: how the leader moves agents off a draining node.
 *
 * @param intervalMs  how often the leader looks for copies to move
 * @param maxParallel copies of different agents moved off one node at the same time (a copy counts
 *                    until its node has confirmed it stopped); one agent never moves two at once
 */
@Validated
@ConfigurationProperties(prefix = "drain", ignoreUnknownFields = false)
public record DrainProperties(
        @Min(50) @Max(60_000) @DefaultValue("500") long intervalMs,
        @Min(1) @Max(1000) @DefaultValue("4") int maxParallel) {
}
