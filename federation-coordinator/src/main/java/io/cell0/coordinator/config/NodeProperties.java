package io.cell0.coordinator.config;

import io.cell0.model.NodeRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code node:} section of federation.yaml: who this node is, where it listens and what it offers.
 *
 * @param id         node id; empty = generate once and keep it in {@code data_dir/node-id}
 * @param address    Raft (gRPC) address, host:port; also the address peers use to reach this node
 * @param apiAddress REST address, host:port
 * @param dataDir    Raft log, snapshots and node files
 * @param role       auto, voter, observer; the seed's leader and follower both mean voter
 */
@Validated
@ConfigurationProperties(prefix = "node", ignoreUnknownFields = false)
public record NodeProperties(
        @Pattern(regexp = "|[A-Za-z0-9_:\\-][A-Za-z0-9_.:\\-]{0,127}",
                message = "must be empty or 1-128 letters, digits, '.', '-', '_' or ':'") @DefaultValue("") String id,
        @NotBlank @Pattern(regexp = HostPort.REGEX, message = HostPort.MESSAGE) @DefaultValue("127.0.0.1:9000") String address,
        @NotBlank @Pattern(regexp = HostPort.REGEX, message = HostPort.MESSAGE) @DefaultValue("127.0.0.1:8080") String apiAddress,
        @NotBlank @DefaultValue(".cell0/dev/node-1") String dataDir,
        @DefaultValue("local") String zone,
        @NotNull @DefaultValue("auto") Role role,
        @Valid @NotNull @DefaultValue Capabilities capabilities) {

    /** The seed's role names, mapped onto membership roles. */
    public enum Role {
        AUTO, LEADER, FOLLOWER, VOTER, OBSERVER;

        public NodeRole membership(boolean listedAsObserver) {
            return switch (this) {
                case OBSERVER -> NodeRole.OBSERVER;
                case LEADER, FOLLOWER, VOTER -> NodeRole.VOTER;
                case AUTO -> listedAsObserver ? NodeRole.OBSERVER : NodeRole.VOTER;
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Seed {@code capabilities:} block. */
    public record Capabilities(@Valid @NotNull @DefaultValue Compute compute, @Valid @NotNull @DefaultValue Storage storage,
                               @NotNull @DefaultValue({"compute", "storage"}) List<String> tags) {
    }

    public record Compute(@Min(0) @Max(4096) @DefaultValue("4") double cpus,
                          @Min(0) @Max(1 << 20) @DefaultValue("8") double memoryGb,
                          @Min(0) @Max(1024) @DefaultValue("0") int gpus) {
    }

    public record Storage(@Min(0) @DefaultValue("100") long localGb, @Min(0) @DefaultValue("0") long nvmeGb) {
    }

    public String host() {
        return HostPort.host(address);
    }

    public int port() {
        return HostPort.port(address);
    }

    @AssertTrue(message = "address and api_address must use different ports when they share a host")
    public boolean isApiAddressDistinct() {
        return address == null || !address.equals(apiAddress);
    }
}
