package io.cell0.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * Certificate fingerprints: SHA-256 over the DER encoding, written as 64 lowercase hex digits without
 * separators (what {@code openssl x509 -fingerprint -sha256} prints, minus colons and case). One plain
 * form makes pinning a string comparison, e.g. the CA pin inside a join token.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String sha256(X509Certificate cert) {
        try {
            return sha256(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new PkiException("cannot encode certificate", e);
        }
    }

    public static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new PkiException("no SHA-256", e);
        }
    }

    /** True if {@code s} is in the form {@link #sha256} produces. */
    public static boolean isSha256(String s) {
        return s != null && s.matches("[0-9a-f]{64}");
    }
}
