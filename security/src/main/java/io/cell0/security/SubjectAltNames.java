package io.cell0.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * The DNS names and IP addresses a TLS certificate is valid for (its identity goes in the URI SAN,
 * see {@link Principal}). Both are validated and normalised here so a typo fails at issuance, not at the
 * first handshake: DNS names are lowercased, IP literals are checked without ever doing a DNS lookup
 * and written in their canonical form. Wildcards are refused: a node certificate names its own host.
 */
public record SubjectAltNames(List<String> dnsNames, List<String> ipAddresses) {
    private static final Pattern DNS = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    public static final SubjectAltNames NONE = new SubjectAltNames(List.of(), List.of());

    public SubjectAltNames {
        dnsNames = normaliseDns(dnsNames == null ? List.of() : dnsNames);
        ipAddresses = normaliseIps(ipAddresses == null ? List.of() : ipAddresses);
    }

    public static SubjectAltNames of(List<String> dnsNames, List<String> ipAddresses) {
        return new SubjectAltNames(dnsNames, ipAddresses);
    }

    private static List<String> normaliseDns(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String lower = n == null ? "" : n.toLowerCase(Locale.ROOT);
            if (!DNS.matcher(lower).matches()) {
                throw new IllegalArgumentException("not a DNS name (no wildcards, no trailing dot): '" + n + "'");
            }
            if (!out.contains(lower)) {
                out.add(lower);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> normaliseIps(List<String> ips) {
        List<String> out = new ArrayList<>();
        for (String ip : ips) {
            if (ip == null || !IPAddress.isValid(ip)) {
                throw new IllegalArgumentException("not an IPv4 or IPv6 address literal: '" + ip + "'");
            }
            try {
                // A validated literal: getByName parses it and performs no lookup.
                String canonical = InetAddress.getByName(ip).getHostAddress();
                if (!out.contains(canonical)) {
                    out.add(canonical);
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: '" + ip + "'", e);
            }
        }
        return List.copyOf(out);
    }
}
