package io.cell0.scheduler.config;

import io.cell0.scheduler.pipeline.SchedulerSettings;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cell0.scheduler.*}: how the placement pipeline is assembled. The annotations catch malformed
 * values while binding; {@link #toSettings()} adds the checks that need the list of plugins (unknown
 * names, filters given a weight) and names the offending key in its message.
 *
 * @param strategy        {@code spread} (least utilised node first) or {@code binpack} (most utilised first)
 * @param weights         weight per scorer, e.g. {@code cell0.scheduler.weights.data-locality=3}; scorers
 *                        not listed keep their default weight
 * @param disabledPlugins scorers switched off, e.g. {@code cell0.scheduler.disabled-plugins=zone-affinity}
 * @param candidateLimit  nodes that pass the filters after which planning stops looking (0 = all); see
 *                        {@link SchedulerSettings#candidateLimit()}
 */
@Validated
@ConfigurationProperties(prefix = "cell0.scheduler", ignoreUnknownFields = false)
public record SchedulerProperties(
        @NotNull @Pattern(regexp = "spread|binpack", message = "must be spread or binpack") @DefaultValue("spread")
        String strategy,
        @NotNull @DefaultValue({}) Map<String, @NotNull @PositiveOrZero Double> weights,
        @NotNull @DefaultValue({}) Set<String> disabledPlugins,
        @PositiveOrZero @DefaultValue("0") int candidateLimit) {

    /** @throws IllegalArgumentException naming the {@code cell0.scheduler.*} key at fault */
    public SchedulerSettings toSettings() {
        return new SchedulerSettings(strategy, weights, disabledPlugins, candidateLimit);
    }
}
