package io.cell0.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 7468 text encoding ("-----BEGIN CERTIFICATE-----"). Written by hand rather than with Bouncy
 * Castle's PEM classes so that the exact output (64-column lines, '\n' endings, no headers) is ours and
 * stable: both the JDK and BoringSSL read it.
 */
public final class Pem {
    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String PRIVATE_KEY = "PRIVATE KEY";
    public static final String PUBLIC_KEY = "PUBLIC KEY";
    public static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /** One decoded block: its label and its DER bytes. */
    public record Block(String type, byte[] der) {
    }

    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Every block in {@code text}, in order; text between blocks (comments, openssl's "Bag Attributes") is ignored. */
    public static List<Block> decodeAll(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String base64 = m.group(2).replaceAll("\\s", "");
            try {
                blocks.add(new Block(m.group(1), Base64.getDecoder().decode(base64)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad base64 in PEM block " + m.group(1), e);
            }
        }
        return blocks;
    }

    /** The DER of the first block labelled {@code type}; fails if there is none. */
    public static byte[] decodeFirst(String text, String type) {
        for (Block b : decodeAll(text)) {
            if (b.type().equals(type)) {
                return b.der();
            }
        }
        throw new IllegalArgumentException("no PEM block of type " + type);
    }

    /** True when {@code bytes} look like PEM text rather than DER. */
    static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }
}
