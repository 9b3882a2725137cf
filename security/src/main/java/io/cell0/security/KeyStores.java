package io.cell0.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * PKCS#12 key stores and trust stores, the form Spring Boot SSL bundles load
 * ({@code spring.ssl.bundle.jks.<name>.keystore.location/type=PKCS12/password}).
 *
 * <p>A key store holds one entry, alias {@link #KEY_ALIAS}, with the private key and the chain leaf then
 * CA, so a server sends the whole chain. A trust store holds only the cluster CA, alias {@link #CA_ALIAS}:
 * trusting the CA and nothing else is what makes a certificate from another cluster fail.
 */
public final class KeyStores {
    public static final String KEY_ALIAS = "cell0";
    public static final String CA_ALIAS = "cell0-ca";
    public static final String TYPE = "PKCS12";

    private KeyStores() {
    }

    /** An in-memory PKCS#12 store with one key entry. */
    public static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore ks = empty();
            ks.setKeyEntry(KEY_ALIAS, key, password, chain.toArray(Certificate[]::new));
            return ks;
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot build a key store", e);
        }
    }

    /** An in-memory PKCS#12 store trusting only {@code ca}. */
    public static KeyStore trustStore(X509Certificate ca) {
        try {
            KeyStore ks = empty();
            ks.setCertificateEntry(CA_ALIAS, ca);
            return ks;
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot build a trust store", e);
        }
    }

    /** Writes a key store (mode 600: it holds a private key). */
    public static void writeKeyStore(Path file, PrivateKey key, List<X509Certificate> chain, char[] password) throws IOException {
        SecureFiles.writeSecret(file, encode(keyStore(key, chain, password), password));
    }

    /** Writes a trust store (mode 644: it holds only the public CA certificate). */
    public static void writeTrustStore(Path file, X509Certificate ca, char[] password) throws IOException {
        SecureFiles.writePublic(file, encode(trustStore(ca), password));
    }

    public static KeyStore read(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(TYPE);
            ks.load(in, password);
            return ks;
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot read the PKCS#12 store " + file, e);
        }
    }

    private static KeyStore empty() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(TYPE);
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new PkiException("cannot create an empty key store", e);
        }
        return ks;
    }

    private static byte[] encode(KeyStore ks, char[] password) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ks.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot encode a key store", e);
        }
        return out.toByteArray();
    }
}
