package io.cell0.security;

import io.cell0.security.CanonicalReader.MalformedException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The claims of a join token (design: "JoinToken"): an existing member ({@code issuer}) allows a named
 * newcomer ({@code subject}) to join {@code clusterId} with one of {@code permissions}, between
 * {@code issuedAt} and {@code expiresAt}. {@code caFingerprint} pins the cluster CA so that the newcomer,
 * which holds the token before it trusts anything, can check it is talking to the right cluster.
 * {@code tokenId} is a random 128-bit nonce; the replicated state records used ids to make each token
 * single-use.
 *
 * <p>The record is the unsigned content; {@link #sign} produces a {@link SignedJoinToken}. Times are
 * whole seconds because that is what is encoded.
 *
 * <p><b>Encoding</b> (what is signed, all integers big-endian):
 * <pre>
 *   "C0JT"  magic, 4 bytes (also separates token signatures from any other signed structure)
 *   0x01    version
 *   16      tokenId
 *   2+n     clusterId, UTF-8 with a 2-byte length (the same for issuer and subject)
 *   2+n     issuer (a node id)
 *   2+n     subject
 *   1       permissions bit set: VOTER=1, OBSERVER=2, EDGE=4, no other bits
 *   8       issuedAt, epoch seconds
 *   8       expiresAt, epoch seconds
 *   32      caFingerprint, SHA-256 of the CA certificate
 * </pre>
 */
public record JoinToken(String tokenId, String clusterId, String issuer, String subject, Set<JoinPermission> permissions,
                        Instant issuedAt, Instant expiresAt, String caFingerprint) {
    /** Longest lifetime a token may have; a leaked token is useful to an attacker for at most this long. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private static final byte[] MAGIC = "C0JT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    public JoinToken {
        if (tokenId == null || !tokenId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("tokenId must be 32 lowercase hex digits");
        }
        Names.require("cluster id", clusterId);
        if (!NodeIdentity.isNodeId(issuer)) {
            throw new IllegalArgumentException("issuer must be a node id, got '" + issuer + "'");
        }
        Names.require("subject", subject);
        if (permissions == null || permissions.isEmpty()) {
            throw new IllegalArgumentException("a token must permit at least one of " + Arrays.toString(JoinPermission.values()));
        }
        permissions = Set.copyOf(EnumSet.copyOf(permissions));
        if (issuedAt == null || expiresAt == null) {
            throw new IllegalArgumentException("issuedAt and expiresAt are required");
        }
        issuedAt = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        if (!Fingerprints.isSha256(caFingerprint)) {
            throw new IllegalArgumentException("caFingerprint must be 64 lowercase hex digits");
        }
    }

    /**
     * A new token from {@code issuer}, valid from {@code now} for {@code lifetime}.
     *
     * @throws IllegalArgumentException if {@code lifetime} is not positive or longer than {@link #MAX_LIFETIME}
     */
    public static JoinToken issue(NodeIdentity issuer, String clusterId, String caFingerprint, String subject,
                                  Set<JoinPermission> permissions, Instant now, Duration lifetime, SecureRandom random) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a join token must live more than 0 and at most " + MAX_LIFETIME.toHours()
                    + " hours, got " + lifetime);
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        Instant from = now.truncatedTo(ChronoUnit.SECONDS);
        return new JoinToken(HexFormat.of().formatHex(id), clusterId, issuer.nodeId(), subject, permissions,
                from, from.plus(lifetime), caFingerprint);
    }

    /** The same with {@link #DEFAULT_LIFETIME}. */
    public static JoinToken issue(NodeIdentity issuer, String clusterId, String caFingerprint, String subject,
                                  Set<JoinPermission> permissions, Instant now) {
        return issue(issuer, clusterId, caFingerprint, subject, permissions, now, DEFAULT_LIFETIME, new SecureRandom());
    }

    /** The nonce the replicated state remembers to refuse a second use: the token id. */
    public String nonce() {
        return tokenId;
    }

    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }

    /**
     * Signs the encoding with the issuer's identity key. Lifetime is deliberately not re-checked here:
     * {@link #issue} refuses long lifetimes and {@link JoinTokenVerifier} refuses them again, so a token
     * built by hand cannot get through either.
     */
    public SignedJoinToken sign(NodeIdentity issuerIdentity) {
        if (!issuerIdentity.nodeId().equals(issuer)) {
            throw new IllegalArgumentException("token issuer " + issuer + " cannot be signed by " + issuerIdentity.nodeId());
        }
        byte[] payload = encode();
        return new SignedJoinToken(this, payload, issuerIdentity.sign(payload));
    }

    public byte[] encode() {
        int mask = 0;
        for (JoinPermission p : permissions) {
            mask |= p.bit;
        }
        return new CanonicalWriter()
                .raw(MAGIC).u8(VERSION)
                .raw(HexFormat.of().parseHex(tokenId))
                .string(clusterId).string(issuer).string(subject)
                .u8(mask)
                .i64(issuedAt.getEpochSecond()).i64(expiresAt.getEpochSecond())
                .raw(HexFormat.of().parseHex(caFingerprint))
                .toByteArray();
    }

    /** Decodes what {@link #encode} wrote; anything else is refused. */
    public static JoinToken decode(byte[] payload) throws MalformedTokenException {
        try {
            CanonicalReader r = new CanonicalReader(payload);
            if (!Arrays.equals(r.raw(MAGIC.length), MAGIC)) {
                throw new MalformedTokenException("not a join token (bad magic)");
            }
            int version = r.u8();
            if (version != VERSION) {
                throw new MalformedTokenException("unsupported join token version " + version);
            }
            String tokenId = HexFormat.of().formatHex(r.raw(16));
            String clusterId = r.string();
            String issuer = r.string();
            String subject = r.string();
            Set<JoinPermission> permissions = permissions(r.u8());
            Instant issuedAt = Instant.ofEpochSecond(r.i64());
            Instant expiresAt = Instant.ofEpochSecond(r.i64());
            String fingerprint = HexFormat.of().formatHex(r.raw(32));
            r.end();
            return new JoinToken(tokenId, clusterId, issuer, subject, permissions, issuedAt, expiresAt, fingerprint);
        } catch (MalformedException e) {
            throw new MalformedTokenException(e.getMessage());
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new MalformedTokenException(e.getMessage());
        }
    }

    private static Set<JoinPermission> permissions(int mask) throws MalformedTokenException {
        EnumSet<JoinPermission> set = EnumSet.noneOf(JoinPermission.class);
        int known = 0;
        for (JoinPermission p : JoinPermission.values()) {
            known |= p.bit;
            if ((mask & p.bit) != 0) {
                set.add(p);
            }
        }
        if ((mask & ~known) != 0) {
            throw new MalformedTokenException("unknown permission bits " + Integer.toBinaryString(mask));
        }
        return set;
    }
}
