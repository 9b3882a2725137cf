package io.cell0.security.cli;

import io.cell0.security.CertificateInfo;
import io.cell0.security.CertificateValidator;
import io.cell0.security.PemFiles;
import io.cell0.security.Role;
import io.cell0.security.ValidationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code show}: what a certificate says, and with {@code --ca} whether the cluster would accept it now. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print role, identity, SANs, expiry and fingerprint of a PEM certificate.")
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A PEM certificate file (the first certificate is shown).")
    Path file;

    @Option(names = "--ca", paramLabel = "CA_FILE", description = "Also validate against this CA certificate, now.")
    Path caFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        X509Certificate cert = PemFiles.readCertificate(file);
        CertificateInfo info = CertificateInfo.parse(cert);
        out.println("file:        " + file);
        out.println("subject:     " + info.subject());
        out.println("issuer:      " + info.issuer());
        out.println("role:        " + info.role().map(Role::urnName).orElse("(none: no cell0 URI SAN)"));
        out.println("identity:    " + info.identity().orElse("(none)"));
        info.ed25519NodeId().ifPresent(id -> out.println("ed25519 key: node id " + id
                + (info.identity().map(id::equals).orElse(false) ? " (matches identity)" : " (DOES NOT match identity)")));
        out.println("uri:         " + join(info.uris()));
        out.println("dns:         " + join(info.dnsNames()));
        out.println("ip:          " + join(info.ipAddresses()));
        out.println("not before:  " + info.notBefore());
        out.println("not after:   " + info.notAfter());
        out.println("serial:      " + info.serialNumber().toString(16));
        out.println("fingerprint: " + info.fingerprint());
        if (caFile == null) {
            return 0;
        }
        X509Certificate ca = PemFiles.readCertificate(caFile);
        ValidationResult result = new CertificateValidator(ca).validate(List.of(cert), EnumSet.allOf(Role.class), Instant.now());
        out.println("validation:  " + result.reason() + (result.isOk() ? "" : " (" + result.detail() + ")"));
        return result.isOk() ? 0 : 1;
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? "-" : String.join(", ", values);
    }
}
