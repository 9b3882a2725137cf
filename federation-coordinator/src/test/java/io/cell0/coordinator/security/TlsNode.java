package io.cell0.coordinator.security;

import io.cell0.coordinator.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A single TLS-enabled node for Spring tests: a fresh PKI, its node certificate, a free Raft port. */
record TlsNode(TestPki pki, Path nodeDir, int raftPort) {

    static TlsNode register(DynamicPropertyRegistry registry) throws IOException {
        int raftPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            raftPort = s.getLocalPort();
        }
        Path root = Files.createTempDirectory("cell0-mtls-");
        TestPki pki = TestPki.create(root.resolve("pki"), "mtls-test");
        Path nodeDir = pki.node("node-1", "127.0.0.1");
        registry.add("node.address", () -> "127.0.0.1:" + raftPort);
        registry.add("node.data_dir", () -> root.resolve("data").toString());
        registry.add("consensus.request_timeout_ms", () -> "3000");
        registry.add("security.tls.ca_cert", () -> pki.caCert().toString());
        registry.add("security.tls.cert", () -> nodeDir.resolve("node.crt").toString());
        registry.add("security.tls.key", () -> nodeDir.resolve("node.key").toString());
        registry.add("security.identity_key", () -> nodeDir.resolve("identity.key").toString());
        return new TlsNode(pki, nodeDir, raftPort);
    }
}
