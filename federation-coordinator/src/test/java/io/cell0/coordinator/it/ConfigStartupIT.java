package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad federation.yaml stops the real process at start-up with a message that names the key. */
class ConfigStartupIT {
    @TempDir
    Path dir;

    record Outcome(int exit, String output) {
    }

    Outcome start(String yaml) throws Exception {
        Path config = dir.resolve("federation.yaml");
        Files.writeString(config, yaml);
        return startWith(List.of("--config", config.toString()));
    }

    Outcome startWith(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", new File(System.getProperty("cell0.coordinator.jar")).getPath()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the process should stop by itself").isTrue();
        return new Outcome(p.exitValue(), out);
    }

    /** A node section, with TLS switched off so that the test is about the other keys. */
    String nodeSection() throws Exception {
        return nodeOnly() + "security:\n  tls:\n    enabled: false\n";
    }

    String nodeOnly() throws Exception {
        int[] ports = LocalCluster.freePorts("127.0.0.1", 2);
        return "node:\n  address: \"127.0.0.1:" + ports[0] + "\"\n  api_address: \"127.0.0.1:" + ports[1] + "\"\n  data_dir: \""
                + dir.resolve("data") + "\"\n";
    }

    @Test
    void tlsIsOnByDefaultSoTheCaCertificateIsRequired() throws Exception {
        Outcome o = start(nodeOnly());
        assertThat(o.exit()).isNotZero();
        assertThat(o.output()).contains("security.tls.ca_cert").contains("required when security.tls.enabled is true")
                .contains("APPLICATION FAILED TO START");
    }

    @Test
    void anUnreadableKeyFileNamesItsKey() throws Exception {
        io.cell0.coordinator.TestPki pki = io.cell0.coordinator.TestPki.create(dir.resolve("pki"), "startup");
        java.nio.file.Path node = pki.node("n", "127.0.0.1");
        Outcome o = start(nodeOnly() + "security:\n  tls:\n    ca_cert: \"" + pki.caCert() + "\"\n    cert: \""
                + node.resolve("node.crt") + "\"\n    key: \"" + node.resolve("missing.key") + "\"\n");
        assertThat(o.exit()).isNotZero();
        assertThat(o.output()).contains("security.tls.key").contains("missing.key").contains("does not exist");
    }

    @Test
    void anIdentityKeyThatIsNotTheCertificatesNamesItsKey() throws Exception {
        io.cell0.coordinator.TestPki pki = io.cell0.coordinator.TestPki.create(dir.resolve("pki"), "startup");
        java.nio.file.Path node = pki.node("n", "127.0.0.1");
        java.nio.file.Path other = pki.node("other", "127.0.0.1");
        Outcome o = start(nodeOnly() + "security:\n  tls:\n    ca_cert: \"" + pki.caCert() + "\"\n    cert: \""
                + node.resolve("node.crt") + "\"\n    key: \"" + node.resolve("node.key") + "\"\n  identity_key: \""
                + other.resolve("identity.key") + "\"\n");
        assertThat(o.exit()).isNotZero();
        assertThat(o.output()).contains("security.identity_key").contains("bound to");
    }

    @Test
    void anInvertedElectionRangeNamesTheKey() throws Exception {
        Outcome o = start(nodeSection() + "consensus:\n  election_timeout_min_ms: 500\n  election_timeout_max_ms: 300\n");
        assertThat(o.exit()).isNotZero();
        assertThat(o.output()).contains("election_timeout_max_ms").contains("APPLICATION FAILED TO START");
    }

    @Test
    void aMisspelledKeyIsRefused() throws Exception {
        Outcome o = start(nodeSection() + "consensus:\n  heartbeat_intervall_ms: 100\n");
        assertThat(o.exit()).isNotZero();
        assertThat(o.output()).contains("heartbeatintervallms").contains("federation.yaml");
    }

    @Test
    void aNodeMissingFromItsOwnPeerListNamesTheKey() throws Exception {
        Outcome o = start(nodeSection().replace("node:\n", "node:\n  id: \"stranger\"\n")
                + "federation:\n  bootstrap: [\"n1@127.0.0.1:1\", \"n2@127.0.0.1:2\"]\n");
        assertThat(o.exit()).isNotZero();
        assertThat(o.output()).contains("node.id").contains("stranger");
    }

    @Test
    void aByzantineToleranceTheVotersCannotHonourNamesTheKeyAndSaysWhy() throws Exception {
        Outcome o = start(nodeSection() + "consensus:\n  byzantine_tolerance: 1\n  min_nodes: 4\n");
        assertThat(o.exit()).isNotZero();
        assertThat(o.output()).contains("consensus.byzantine_tolerance").contains("at least 4 voters");
    }

    @Test
    void aMissingConfigFileIsReportedBeforeSpringStarts() throws Exception {
        Outcome o = startWith(List.of("--config", dir.resolve("nope.yaml").toString()));
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.output()).contains("nope.yaml").contains("does not exist");
    }
}
