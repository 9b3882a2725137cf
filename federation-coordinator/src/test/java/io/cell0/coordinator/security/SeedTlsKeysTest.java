package io.cell0.coordinator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cell0.coordinator.TestPki;
import io.cell0.coordinator.config.FederationProperties;
import io.cell0.coordinator.config.InvalidConfigurationException;
import io.cell0.coordinator.config.SecurityProperties;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's {@code federation.tls.cert_file / key_file / ca_file} work as the node's TLS files. */
class SeedTlsKeysTest {
    @TempDir
    Path dir;

    static final SecurityProperties NONE = new SecurityProperties(new SecurityProperties.Tls(true, "", "", ""), "");

    @Test
    void theSeedsKeysCarryTheNodesFiles() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"), "seed-keys");
        Path node = pki.node("node-1", "127.0.0.1");
        TransportSecurity t = TransportSecurity.from(NONE, new FederationProperties.Tls(node.resolve("node.crt").toString(),
                node.resolve("node.key").toString(), pki.caCert().toString()), Clock.systemUTC());
        assertThat(t.enabled()).isTrue();
        assertThat(t.scheme()).isEqualTo("https");
    }

    @Test
    void aMissingFileNamesTheSeedsKey() {
        assertThatThrownBy(() -> TransportSecurity.from(NONE, new FederationProperties.Tls(dir.resolve("n.crt").toString(),
                dir.resolve("n.key").toString(), dir.resolve("ca.crt").toString()), Clock.systemUTC()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("federation.tls.");
    }

    @Test
    void bothPlacesAtOnceAreRefused() {
        SecurityProperties ours = new SecurityProperties(new SecurityProperties.Tls(true, "ca.crt", "n.crt", "n.key"), "");
        assertThatThrownBy(() -> TransportSecurity.from(ours, new FederationProperties.Tls("n.crt", "n.key", "ca.crt"), Clock.systemUTC()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("federation.tls")
                .hasMessageContaining("one place");
    }
}
