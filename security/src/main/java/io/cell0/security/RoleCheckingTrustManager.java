package io.cell0.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that first lets the JDK's PKIX manager do its work (chain to the cluster CA, dates,
 * key usage; with a socket or engine also the host name when the caller asked for it), then insists on
 * a cell0 principal of an accepted role. A certificate of another role fails the handshake itself, so
 * for example a scheduler certificate cannot open a Raft connection.
 */
final class RoleCheckingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final CertificateValidator validator;
    private final Set<Role> roles;
    private final Clock clock;

    RoleCheckingTrustManager(X509ExtendedTrustManager pkix, CertificateValidator validator, Set<Role> roles, Clock clock) {
        this.pkix = pkix;
        this.validator = validator;
        this.roles = EnumSet.copyOf(roles);
        this.clock = clock;
    }

    private void requireRole(X509Certificate[] chain) throws CertificateException {
        ValidationResult r = validator.validate(List.of(chain), roles, clock.instant());
        if (!r.isOk()) {
            throw new CertificateException("peer refused: " + r.reason() + " (" + r.detail() + ")");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        requireRole(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        requireRole(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
        requireRole(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
        requireRole(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        requireRole(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
        requireRole(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
