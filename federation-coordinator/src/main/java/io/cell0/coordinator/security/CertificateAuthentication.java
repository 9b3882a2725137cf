package io.cell0.coordinator.security;

import io.cell0.security.CertificateValidator;
import io.cell0.security.Principal;
import io.cell0.security.Role;
import io.cell0.security.ValidationResult;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.AuthenticationUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;

/**
 * From a client certificate to a Spring Security user. The TLS handshake has already proved "signed by
 * our CA and within its dates"; this adds the cluster's own rules through {@link CertificateValidator}
 * (one {@code urn:cell0:<role>:<id>} URI SAN, a known role, the Ed25519 binding of node certificates).
 * A certificate that fails them yields no principal, so the request stays unauthenticated (401).
 *
 * <p>The user name is the principal's URN, and its one authority is {@code ROLE_<ROLE>}.
 */
final class CertificateAuthentication implements X509PrincipalExtractor,
        AuthenticationUserDetailsService<PreAuthenticatedAuthenticationToken> {
    private static final Logger log = LoggerFactory.getLogger(CertificateAuthentication.class);

    private final CertificateValidator validator;
    private final Clock clock;

    CertificateAuthentication(X509Certificate ca, Clock clock) {
        this.validator = new CertificateValidator(ca);
        this.clock = clock;
    }

    /** The validated principal, or null (no authentication) when the certificate breaks our rules. */
    @Override
    public Object extractPrincipal(X509Certificate cert) {
        ValidationResult r = validator.validate(List.of(cert), EnumSet.allOf(Role.class), clock.instant());
        if (!r.isOk()) {
            log.info("client certificate {} refused: {} ({})", cert.getSubjectX500Principal().getName(), r.reason(), r.detail());
            return null;
        }
        return r.info().orElseThrow().principal().orElseThrow();
    }

    @Override
    public UserDetails loadUserDetails(PreAuthenticatedAuthenticationToken token) {
        Principal p = (Principal) token.getPrincipal();
        return User.withUsername(p.toUri()).password("").authorities(authority(p.role())).build();
    }

    static String authority(Role role) {
        return "ROLE_" + role.name();
    }

    /** The cell0 principal behind an authenticated request, if any. */
    static Optional<Principal> principalOf(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        return Principal.parse(authentication.getName());
    }

    static boolean hasRole(Authentication authentication, Role role) {
        if (authentication == null) {
            return false;
        }
        for (GrantedAuthority a : authentication.getAuthorities()) {
            if (authority(role).equals(a.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
