package io.cell0.coordinator.security;

import io.cell0.security.Principal;
import io.cell0.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may call what, by the role in the caller's certificate (see README, "Security"). Default deny:
 * a request that no rule below allows is refused, 401 without a valid certificate, 403 with one.
 *
 * <pre>
 * operator   everything
 * node       GET /federation/status; GET /federation/watch only with node=&lt;its own id&gt;; POST /federation/heartbeats
 * scheduler  GET /federation/status, /federation/watch, /federation/agents[/{id}]; POST /federation/plans
 * migration  GET of any /federation/** read (its own endpoints arrive with the migration issue)
 * anyone     /actuator/health (and its groups): probes; on the TLS port the handshake still needs a certificate
 * </pre>
 *
 * With {@code security.tls.enabled=false} there are no certificates and every request is allowed
 * (development only; the node logs a warning).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {
    private static final String OPERATOR = Role.OPERATOR.name();
    private static final String NODE = Role.NODE.name();
    private static final String SCHEDULER = Role.SCHEDULER.name();
    private static final String MIGRATION = Role.MIGRATION.name();

    @Bean
    SecurityFilterChain api(HttpSecurity http, TransportSecurity transport, Clock clock) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(a -> a.principal("anonymous"))
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemResponses::unauthenticated)
                        .accessDeniedHandler(ProblemResponses::forbidden));
        if (transport.material().isEmpty()) {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        CertificateAuthentication certificates = new CertificateAuthentication(transport.material().get().ca(), clock);
        http.x509(x -> x.x509PrincipalExtractor(certificates).authenticationUserDetailsService(certificates))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/federation/status").hasAnyRole(OPERATOR, NODE, SCHEDULER, MIGRATION)
                        .requestMatchers(HttpMethod.GET, "/federation/watch").access(watch())
                        .requestMatchers(HttpMethod.GET, "/federation/agents", "/federation/agents/*")
                        .hasAnyRole(OPERATOR, SCHEDULER, MIGRATION)
                        .requestMatchers(HttpMethod.POST, "/federation/plans").hasAnyRole(OPERATOR, SCHEDULER)
                        .requestMatchers(HttpMethod.POST, "/federation/heartbeats").hasAnyRole(OPERATOR, NODE)
                        .requestMatchers(HttpMethod.GET, "/federation/**").hasAnyRole(OPERATOR, MIGRATION)
                        .anyRequest().hasRole(OPERATOR));
        return http.build();
    }

    /** Services see the whole watch stream; a node only its own slice ({@code node=<its id>}). */
    static AuthorizationManager<RequestAuthorizationContext> watch() {
        return (Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) ->
                new AuthorizationDecision(mayWatch(authentication.get(), context.getRequest()));
    }

    static boolean mayWatch(Authentication authentication, HttpServletRequest request) {
        for (Role role : new Role[] {Role.OPERATOR, Role.SCHEDULER, Role.MIGRATION}) {
            if (CertificateAuthentication.hasRole(authentication, role)) {
                return true;
            }
        }
        // The user name is the validated URN, so its role and id are the certificate's. Exactly one
        // node= value: a repeated parameter could otherwise reach the controller as a joined list.
        Optional<Principal> who = CertificateAuthentication.principalOf(authentication);
        String[] slice = request.getParameterValues("node");
        return who.isPresent() && who.get().role() == Role.NODE && slice != null && slice.length == 1
                && who.get().identity().equals(slice[0]);
    }
}
