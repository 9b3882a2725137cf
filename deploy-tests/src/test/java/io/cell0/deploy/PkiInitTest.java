package io.cell0.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/** deploy/docker/pki-init.sh, the one-shot of the compose file and the Helm hook, run here with the real tool. */
class PkiInitTest {
    @TempDir
    Path dir;

    private Map<String, String> env;

    @BeforeEach
    void copyTheComposePki() throws Exception {
        assumeTrue(Files.isRegularFile(Repo.pkiJar()), "security/target/cell0-security.jar is not built (./mvnw -pl security package)");
        FileSystemUtils.copyRecursively(Scripts.composePki(), dir);
        env = Compose.env(Compose.load("docker-compose.yml").service("pki"));
    }

    @Test
    void writesTheCaAndOneDirectoryPerEntryWithPrivateKeys() throws Exception {
        assertThat(dir.resolve("ca")).isDirectoryContaining("glob:**/ca.key").isDirectoryContaining("glob:**/operator.crt");
        for (String node : new String[] {"node-1", "node-2", "node-3"}) {
            assertThat(dir.resolve(node)).isDirectoryContaining("glob:**/identity.key").isDirectoryContaining("glob:**/node.crt");
            assertThat(Files.getPosixFilePermissions(dir.resolve(node).resolve("node.key")))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        assertThat(dir.resolve("scheduler/scheduler.crt")).isRegularFile();
        assertThat(dir.resolve("scheduler/identity.key")).doesNotExist();
        assertThat(dir.resolve("migration/migration.key")).isRegularFile();
    }

    @Test
    void aSecondRunKeepsTheCaAndEveryCertificate() throws Exception {
        Map<Path, String> before = contents();
        Scripts.Result again = Scripts.pkiInit(dir, env);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("keeping the existing CA").contains("keeping " + dir.resolve("node-1/node.crt"));
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void renewingIssuesNewCertificatesButKeepsTheNodeIdentity() throws Exception {
        String identity = Files.readString(dir.resolve("node-1/identity.pub"));
        String cert = Files.readString(dir.resolve("node-1/node.crt"));
        Scripts.Result renewed = Scripts.pkiInit(dir, Map.of("CELL0_CLUSTER_ID", env.get("CELL0_CLUSTER_ID"),
                "CELL0_PKI_ISSUE", "node:node-1:coordinator-1,localhost", "CELL0_PKI_RENEW", "true"));
        assertThat(renewed.exitCode()).as(renewed.output()).isZero();
        assertThat(Files.readString(dir.resolve("node-1/node.crt"))).isNotEqualTo(cert);
        assertThat(Files.readString(dir.resolve("node-1/identity.pub"))).isEqualTo(identity);
    }

    @Test
    void refusesMalformedEntriesAndAMissingClusterId() {
        Scripts.Result bad = Scripts.pkiInit(dir, Map.of("CELL0_CLUSTER_ID", "x", "CELL0_PKI_ISSUE", "node-only"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("bad entry 'node-only'");
        Scripts.Result role = Scripts.pkiInit(dir, Map.of("CELL0_CLUSTER_ID", "x", "CELL0_PKI_ISSUE", "admin:a:b"));
        assertThat(role.exitCode()).isEqualTo(2);
        assertThat(Scripts.pkiInit(dir, Map.of()).exitCode()).isNotZero();
    }

    private Map<Path, String> contents() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            Map<Path, String> out = new java.util.TreeMap<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f), java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
            }
            return out;
        }
    }
}
