package io.cell0.security.cli;

import io.cell0.security.ClusterCa;
import io.cell0.security.Names;
import io.cell0.security.NodeIdentity;
import io.cell0.security.Role;
import io.cell0.security.SubjectAltNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code node}: a TLS certificate for a node (or, with {@code --role}, a service or operator). For a
 * node, the Ed25519 identity in the id directory is created on first use and kept afterwards, so
 * re-running renews the TLS key and certificate without changing the node id.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Issue a TLS certificate (new EC P-256 key and CSR) into ID_DIR, signed by the CA in DIR.")
final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The CA directory made by init.")
    Path caDir;

    @Option(names = "--id-dir", required = true, paramLabel = "ID_DIR", description = "The node's directory (created if missing).")
    Path idDir;

    @Option(names = "--role", defaultValue = "node", description = "node, scheduler, migration or operator (default ${DEFAULT-VALUE}).")
    Role role;

    @Option(names = "--name", description = "Identity for roles other than node (a node's identity is its node id).")
    String name;

    @Option(names = "--dns", split = ",", description = "DNS names for the SAN (repeatable or comma-separated).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--ip", split = ",", description = "IP addresses for the SAN (repeatable or comma-separated).")
    List<String> ips = new ArrayList<>();

    @Option(names = "--days", defaultValue = "90", description = "Validity in days (default ${DEFAULT-VALUE}, at most 365).")
    int days;

    @Option(names = "--store-password", defaultValue = "${env:CELL0_STORE_PASSWORD}",
            description = "Password of the .p12 files (default: $CELL0_STORE_PASSWORD, else generated into ID_DIR/store.pass).")
    String storePassword;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ClusterCa ca = ClusterCa.load(caDir);
        String identity;
        PublicKey ed25519 = null;
        if (role == Role.NODE) {
            if (name != null) {
                spec.commandLine().getErr().println("a node's identity is derived from its Ed25519 key; --name is for other roles");
                return 2;
            }
            NodeIdentity id;
            if (NodeIdentity.exists(idDir)) {
                id = NodeIdentity.load(idDir);
            } else {
                id = NodeIdentity.generate();
                id.save(idDir);
                out.println("created identity " + idDir.resolve(NodeIdentity.KEY_FILE));
            }
            identity = id.nodeId();
            ed25519 = id.publicKey();
        } else {
            identity = Names.require("--name", name);
        }
        Instant now = Instant.now();
        char[] password = StorePasswords.resolve(storePassword, idDir);
        X509Certificate cert = LeafFiles.issue(ca, idDir, role, identity, ed25519, SubjectAltNames.of(dns, ips),
                LeafFiles.window(now, Duration.ofDays(days)), password, now);
        out.println((role == Role.NODE ? "node id: " : "identity: ") + identity);
        String prefix = role.urnName();
        out.println("certificate " + idDir.resolve(prefix + ".crt") + " valid until " + cert.getNotAfter().toInstant());
        out.println("files: " + prefix + ".key " + prefix + ".crt " + prefix + ".csr " + prefix + ".p12 ca.crt truststore.p12"
                + (role == Role.NODE ? " identity.key identity.pub" : ""));
        return 0;
    }
}
