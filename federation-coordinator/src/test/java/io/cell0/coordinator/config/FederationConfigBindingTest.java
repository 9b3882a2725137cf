package io.cell0.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;

/**
 * federation.yaml binding: the seed's snake_case keys bind, defaults give a development node, and
 * every kind of bad value stops start-up with a message naming the key.
 */
class FederationConfigBindingTest {

    @Configuration
    @EnableConfigurationProperties({ClusterProperties.class, NodeProperties.class, ConsensusProperties.class,
            FederationProperties.class, RuntimeProperties.class, SecurityProperties.class, HealthProperties.class})
    static class Props {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Props.class);

    @Test
    void defaultsDescribeASingleDevelopmentNode() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            ConsensusProperties c = ctx.getBean(ConsensusProperties.class);
            assertThat(c.heartbeatIntervalMs()).isEqualTo(100);
            assertThat(c.electionTimeoutMinMs()).isEqualTo(150);
            assertThat(c.electionTimeoutMaxMs()).isEqualTo(300);
            assertThat(ctx.getBean(FederationProperties.class).bootstrap()).isEmpty();
            assertThat(ctx.getBean(NodeProperties.class).role()).isEqualTo(NodeProperties.Role.AUTO);
        });
    }

    @Test
    void theSeedExampleBinds(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("federation.yaml");
        Files.writeString(yaml, """
                cluster:
                  id: "production-cluster-1"
                  name: "Primary Cell 0 Cluster"
                node:
                  id: null
                  address: "127.0.0.11:9000"
                  api_address: "127.0.0.11:8080"
                  zone: "us-east-1a"
                  role: "follower"
                  capabilities:
                    compute:
                      cpus: 32
                      memory_gb: 256
                      gpus: 4
                    storage:
                      local_gb: 2000
                      nvme_gb: 4000
                consensus:
                  heartbeat_interval_ms: 100
                  election_timeout_min_ms: 150
                  election_timeout_max_ms: 300
                  byzantine_tolerance: 2
                  min_nodes: 7
                federation:
                  bootstrap:
                    - "node-1@127.0.0.11:9000"
                    - "node-2@127.0.0.12:9000"
                  auto_join: true
                  tls:
                    cert_file: "/etc/cell0/node.crt"
                    key_file: "/etc/cell0/node.key"
                    ca_file: "/etc/cell0/ca.crt"
                  require_attestation: true
                  allow_untrusted_nodes: false
                """);
        runner.withInitializer(ctx -> {
            try {
                new YamlPropertySourceLoader().load("federation.yaml", new FileSystemResource(yaml))
                        .forEach(ctx.getEnvironment().getPropertySources()::addFirst);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            NodeProperties node = ctx.getBean(NodeProperties.class);
            assertThat(node.capabilities().compute().memoryGb()).isEqualTo(256);
            assertThat(node.capabilities().storage().nvmeGb()).isEqualTo(4000);
            assertThat(node.role()).isEqualTo(NodeProperties.Role.FOLLOWER);
            assertThat(ctx.getBean(ConsensusProperties.class).byzantineTolerance()).isEqualTo(2);
            assertThat(ctx.getBean(FederationProperties.class).bootstrap()).hasSize(2);
            assertThat(ctx.getBean(FederationProperties.class).tls().caFile()).isEqualTo("/etc/cell0/ca.crt");
        });
    }

    @Test
    void anElectionTimeoutRangeUpsideDownNamesTheKey() {
        assertFailsNaming("election_timeout_max_ms", "consensus.election_timeout_min_ms=500", "consensus.election_timeout_max_ms=300");
    }

    @Test
    void aValueOutOfRangeNamesTheKey() {
        assertFailsNaming("consensus.heartbeat_interval_ms", "consensus.heartbeat_interval_ms=1");
    }

    @Test
    void moreByzantineToleranceThanTheVotersAllowIsRefused() {
        assertFailsNaming("byzantine_tolerance", "consensus.byzantine_tolerance=2", "consensus.min_nodes=4");
    }

    @Test
    void anUnknownKeyIsRefused() {
        // Spring reports an unknown key in its canonical form (underscores dropped), with its origin.
        assertFailsNaming("consensus.electiontimeoutmnims", "consensus.election_timeout_mni_ms=150");
    }

    @Test
    void aMalformedPeerNamesTheKey() {
        assertFailsNaming("federation.bootstrap", "federation.bootstrap[0]=127.0.0.12:9000");
    }

    @Test
    void aMalformedAddressNamesTheKey() {
        assertFailsNaming("node.address", "node.address=localhost");
    }

    @Test
    void anUnknownRoleNamesTheKey() {
        assertFailsNaming("node.role", "node.role=king");
    }

    @Test
    void aRuntimeValueOutOfRangeNamesTheKey() {
        assertFailsNaming("runtime.reconcileMs", "runtime.reconcile_ms=5");
        assertFailsNaming("runtime", "runtime.restart_everything=true");
    }

    @Test
    void tlsIsOnByDefaultAndTheSecurityKeysBindInSnakeCase() {
        runner.run(ctx -> assertThat(ctx.getBean(SecurityProperties.class).tls().enabled()).isTrue());
        runner.withPropertyValues("security.tls.ca_cert=/pki/ca.crt", "security.tls.cert=/pki/node-1/node.crt",
                "security.tls.key=/pki/node-1/node.key", "security.identity_key=/pki/node-1/identity.key").run(ctx -> {
            SecurityProperties p = ctx.getBean(SecurityProperties.class);
            assertThat(p.tls().caCert()).isEqualTo("/pki/ca.crt");
            assertThat(p.tls().cert()).isEqualTo("/pki/node-1/node.crt");
            assertThat(p.tls().key()).isEqualTo("/pki/node-1/node.key");
            assertThat(p.identityKey()).isEqualTo("/pki/node-1/identity.key");
        });
        assertFailsNaming("security.tls", "security.tls.ca_file=/pki/ca.crt");
    }

    @Test
    void healthThresholdsBindInSnakeCaseWithTheSeedsTargetsAsDefaults() {
        runner.run(ctx -> {
            HealthProperties h = ctx.getBean(HealthProperties.class);
            assertThat(h.replicationWarningEntries()).isEqualTo(10);
            assertThat(h.crossZoneWarningMs()).isEqualTo(50);
            assertThat(h.capacityWarningFreeRatio()).isEqualTo(0.2);
        });
        runner.withPropertyValues("health.replication_warning_entries=25", "health.typical_agent.cpu_millis=2000").run(ctx -> {
            assertThat(ctx.getBean(HealthProperties.class).replicationWarningEntries()).isEqualTo(25);
            assertThat(ctx.getBean(HealthProperties.class).typicalAgent().cpuMillis()).isEqualTo(2000);
        });
        assertFailsNaming("health.capacityWarningFreeRatio", "health.capacity_warning_free_ratio=1.5");
        assertFailsNaming("health.probe_timeout_ms", "health.probe_timeout_ms=5000", "health.probe_interval_ms=1000");
        assertFailsNaming("health", "health.cross_zone_warning=50");
    }

    private void assertFailsNaming(String key, String... properties) {
        runner.withPropertyValues(properties).run(ctx -> {
            assertThat(ctx).hasFailed();
            StringBuilder all = new StringBuilder();
            for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
                all.append(t.getMessage()).append('\n');
            }
            assertThat(all.toString()).contains(key);
        });
    }
}
