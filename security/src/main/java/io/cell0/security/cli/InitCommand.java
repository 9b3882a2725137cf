package io.cell0.security.cli;

import io.cell0.security.CertificateInfo;
import io.cell0.security.ClusterCa;
import io.cell0.security.LeafRequest;
import io.cell0.security.Role;
import io.cell0.security.SecureFiles;
import io.cell0.security.SubjectAltNames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code init}: a new cluster CA plus an operator client certificate, and a README listing the files. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the cluster CA (ECDSA P-256) and an operator certificate in DIR.")
final class InitCommand implements Callable<Integer> {
    static final String README = "README.txt";

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory for the CA files (created if missing).")
    Path dir;

    @Option(names = "--cluster-id", required = true, description = "The cluster id: lowercase letters, digits and '-'.")
    String clusterId;

    @Option(names = "--ca-days", defaultValue = "3650", description = "CA validity in days (default ${DEFAULT-VALUE}).")
    int caDays;

    @Option(names = "--operator", defaultValue = "admin", description = "Identity of the operator certificate (default ${DEFAULT-VALUE}).")
    String operator;

    @Option(names = "--days", defaultValue = "90", description = "Operator certificate validity in days (default ${DEFAULT-VALUE}, at most 365).")
    int days;

    @Option(names = "--store-password", defaultValue = "${env:CELL0_STORE_PASSWORD}",
            description = "Password of the .p12 files (default: $CELL0_STORE_PASSWORD, else generated into store.pass).")
    String storePassword;

    @Option(names = "--force", description = "Replace an existing CA. Every certificate it issued stops being trusted.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (ClusterCa.exists(dir) && !force) {
            spec.commandLine().getErr().println("refusing: " + dir + " already holds a CA; --force replaces it and "
                    + "invalidates every certificate it issued");
            return 1;
        }
        Instant now = Instant.now();
        ClusterCa ca = ClusterCa.create(clusterId, LeafFiles.window(now, Duration.ofDays(caDays)), new SecureRandom());
        ca.save(dir);
        char[] password = StorePasswords.resolve(storePassword, dir);
        X509Certificate operatorCert = LeafFiles.issue(ca, dir, Role.OPERATOR, operator, null, SubjectAltNames.NONE,
                LeafFiles.window(now, Duration.ofDays(days)), password, now);
        SecureFiles.writePublic(dir.resolve(README), readme(ca, operatorCert).getBytes(StandardCharsets.UTF_8));
        out.println("cluster CA for " + clusterId + " in " + dir);
        out.println("CA fingerprint (sha256): " + ca.fingerprint());
        out.println("operator certificate: " + dir.resolve("operator.crt") + " (urn:cell0:operator:" + operator + ")");
        out.println("see " + dir.resolve(README));
        return 0;
    }

    private static String readme(ClusterCa ca, X509Certificate operatorCert) {
        return """
                Cell 0 cluster PKI for cluster %s
                CA fingerprint (sha256, pinned by join tokens): %s
                CA valid until %s; operator certificate valid until %s

                ca.crt          cluster CA certificate (ECDSA P-256). Give it to every node and client.
                ca.key          CA private key, PKCS#8, mode 600. Whoever has it can mint members: keep it offline.
                truststore.p12  PKCS#12 trust store holding only ca.crt (password in store.pass).
                operator.key    operator TLS key, PKCS#8 EC P-256, mode 600.
                operator.csr    the request operator.crt was issued from.
                operator.crt    operator client certificate, URI SAN %s.
                operator.p12    PKCS#12 key store: operator key, operator.crt and ca.crt (password in store.pass).
                store.pass      password of the .p12 files, mode 600 (absent if one was given explicitly).

                Leaf certificates last at most %d days; re-run the tool to renew.
                Node certificates: cell0-pki node --dir <this dir> --id-dir <node dir> --dns <host> --ip <addr>
                """.formatted(ca.clusterId(), ca.fingerprint(), ca.certificate().getNotAfter().toInstant(),
                operatorCert.getNotAfter().toInstant(),
                CertificateInfo.parse(operatorCert).principal().orElseThrow(),
                LeafRequest.MAX_VALIDITY.toDays());
    }
}
