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

    /** One of the JDK manager's checks, run before ours. */
    private interface PkixCheck {
        void run() throws CertificateException;
    }

    private void check(PkixCheck pkixCheck, X509Certificate[] chain) throws CertificateException {
        pkixCheck.run();
        requireRole(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(() -> pkix.checkClientTrusted(chain, authType), chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(() -> pkix.checkServerTrusted(chain, authType), chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(() -> pkix.checkClientTrusted(chain, authType, socket), chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(() -> pkix.checkServerTrusted(chain, authType, socket), chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(() -> pkix.checkClientTrusted(chain, authType, engine), chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(() -> pkix.checkServerTrusted(chain, authType, engine), chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
