package io.cell0.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Certificates and private keys as PEM files, in the forms both TLS stacks read: certificates as
 * "BEGIN CERTIFICATE" (leaf first when there are several), private keys as unencrypted PKCS#8 "BEGIN
 * PRIVATE KEY" written with mode 600. EC keys go through {@link EcKeys#pkcs8} so the file never carries
 * the optional public key.
 */
public final class PemFiles {
    private PemFiles() {
    }

    public static String certificatesPem(List<X509Certificate> certs) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) {
            try {
                sb.append(Pem.encode(Pem.CERTIFICATE, c.getEncoded()));
            } catch (CertificateException e) {
                throw new PkiException("cannot encode certificate", e);
            }
        }
        return sb.toString();
    }

    public static void writeCertificates(Path file, List<X509Certificate> certs) throws IOException {
        SecureFiles.writePublic(file, certificatesPem(certs).getBytes(StandardCharsets.US_ASCII));
    }

    public static void writeCertificate(Path file, X509Certificate cert) throws IOException {
        writeCertificates(file, List.of(cert));
    }

    /** Every certificate in PEM {@code text}, in order. */
    public static List<X509Certificate> parseCertificates(String text) {
        List<X509Certificate> out = new ArrayList<>();
        for (Pem.Block b : Pem.decodeAll(text)) {
            if (b.type().equals(Pem.CERTIFICATE)) {
                out.add(parseCertificate(b.der()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no certificate in the PEM text");
        }
        return out;
    }

    public static X509Certificate parseCertificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return parseCertificates(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /** The first certificate in {@code file} (the leaf, by our convention). */
    public static X509Certificate readCertificate(Path file) throws IOException {
        return readCertificates(file).get(0);
    }

    /** The PKCS#8 PEM of an EC P-256 or Ed25519 private key. */
    public static String privateKeyPem(PrivateKey key) {
        byte[] der = EcKeys.isP256(key) ? EcKeys.pkcs8(key) : Ed25519Keys.decodePrivate(key.getEncoded()).getEncoded();
        return Pem.encode(Pem.PRIVATE_KEY, der);
    }

    /** Writes an EC P-256 or Ed25519 private key as unencrypted PKCS#8, mode 600. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        SecureFiles.writeSecret(file, privateKeyPem(key).getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads an unencrypted PKCS#8 private key; its type (EC P-256 or Ed25519) comes from the file. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
    }

    public static PrivateKey parsePrivateKey(String pem) {
        byte[] der = Pem.decodeFirst(pem, Pem.PRIVATE_KEY);
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a PKCS#8 private key", e);
        }
        var alg = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)) {
            return EcKeys.decodePrivate(der);
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(alg)) {
            return Ed25519Keys.decodePrivate(der);
        }
        throw new IllegalArgumentException("unsupported private key algorithm " + alg + " (expected EC P-256 or Ed25519)");
    }
}
