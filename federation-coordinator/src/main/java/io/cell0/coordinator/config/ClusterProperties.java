package io.cell0.coordinator.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code cluster:} section of federation.yaml. */
@Validated
@ConfigurationProperties(prefix = "cluster", ignoreUnknownFields = false)
public record ClusterProperties(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}",
                message = "must be 1-64 letters, digits, '.', '-' or '_'") @DefaultValue("cell0-dev") String id,
        @DefaultValue("Cell 0 development cluster") String name) {
}
