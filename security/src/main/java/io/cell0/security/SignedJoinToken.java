package io.cell0.security;

import java.util.Base64;

/**
 * A join token with its issuer's Ed25519 signature, and its compact text form
 * {@code base64url(payload) "." base64url(signature)} (no padding), short enough to paste into a
 * command line or an environment variable.
 *
 * <p>Parsing is strict: the text must re-encode to exactly itself. Java's base64 decoder otherwise
 * ignores the unused low bits of the last character, so two different strings would be the same token,
 * which would make "the token I logged" and "the token that was used" disagree.
 */
public final class SignedJoinToken {
    /** Far above a real token (about 300 characters); refuses absurd input before decoding it. */
    static final int MAX_COMPACT_LENGTH = 2048;
    private static final int SIGNATURE_LENGTH = 64;

    private final JoinToken token;
    private final byte[] payload;
    private final byte[] signature;

    SignedJoinToken(JoinToken token, byte[] payload, byte[] signature) {
        this.token = token;
        this.payload = payload.clone();
        this.signature = signature.clone();
    }

    public JoinToken token() {
        return token;
    }

    /** The exact bytes that were signed. */
    public byte[] payload() {
        return payload.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    public String compact() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload) + "." + b64.encodeToString(signature);
    }

    /** Parses {@link #compact()} output. The signature is <em>not</em> checked here; see {@link JoinTokenVerifier}. */
    public static SignedJoinToken parse(String compact) throws MalformedTokenException {
        if (compact == null || compact.isEmpty()) {
            throw new MalformedTokenException("empty token");
        }
        if (compact.length() > MAX_COMPACT_LENGTH) {
            throw new MalformedTokenException("token longer than " + MAX_COMPACT_LENGTH + " characters");
        }
        int dot = compact.indexOf('.');
        if (dot < 0 || dot != compact.lastIndexOf('.')) {
            throw new MalformedTokenException("a token is two base64url parts separated by one '.'");
        }
        byte[] payload = strictBase64Url(compact.substring(0, dot), "payload");
        byte[] signature = strictBase64Url(compact.substring(dot + 1), "signature");
        if (signature.length != SIGNATURE_LENGTH) {
            throw new MalformedTokenException("signature must be " + SIGNATURE_LENGTH + " bytes, got " + signature.length);
        }
        return new SignedJoinToken(JoinToken.decode(payload), payload, signature);
    }

    private static byte[] strictBase64Url(String part, String what) throws MalformedTokenException {
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new MalformedTokenException(what + " is not base64url: " + e.getMessage());
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(part)) {
            throw new MalformedTokenException(what + " is not in canonical unpadded base64url");
        }
        return decoded;
    }

    @Override
    public String toString() {
        return "SignedJoinToken[" + token.tokenId() + " " + token.issuer() + " -> " + token.subject() + "]";
    }
}
