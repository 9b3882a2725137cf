package io.cell0.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * JDK {@link SSLContext}s for mutual TLS from the files this module writes. Used by the tests to prove
 * the files work in a real handshake, and usable as is by code that is not Spring- or Ratis-managed.
 * The trust managers trust the cluster CA only.
 */
public final class SslContexts {
    private SslContexts() {
    }

    /** From PEM files: {@code node.key} (PKCS#8), {@code node.crt} (leaf first), {@code ca.crt}. */
    public static SSLContext fromPem(Path keyFile, Path certFile, Path caFile) throws IOException {
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        X509Certificate ca = PemFiles.readCertificate(caFile);
        char[] transientPassword = "in-memory".toCharArray();
        return of(KeyStores.keyStore(key, chain, transientPassword), transientPassword, KeyStores.trustStore(ca));
    }

    /** From a PKCS#12 key store and trust store. */
    public static SSLContext fromPkcs12(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword)
            throws IOException {
        return of(KeyStores.read(keyStore, keyStorePassword), keyStorePassword, KeyStores.read(trustStore, trustStorePassword));
    }

    public static SSLContext of(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, keyPassword);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot build an SSLContext", e);
        }
    }
}
