package io.cell0.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A node's long-lived Ed25519 identity key and the node id derived from it.
 *
 * <p><b>Node id:</b> {@code "n-"} followed by the lowercase hex of the first 16 bytes of SHA-256 over
 * the public key's SubjectPublicKeyInfo DER, e.g. {@code n-3f0c9d...} (34 characters). Deriving the id
 * from the key ("auto-generate from key" in the design) means nobody can claim an id without holding
 * its private key, and two nodes cannot collide by configuration mistake. 128 bits keep accidental
 * collisions out of reach while staying short enough for logs and DNS labels; the result is a valid
 * {@link Names} label and a valid id of the replicated state.
 *
 * <p>The key is not used for TLS (BoringSSL refuses Ed25519); a node certificate carries it in an
 * extension instead, see {@link Cell0Extensions}.
 */
public final class NodeIdentity {
    /** PKCS#8 private key, mode 600. */
    public static final String KEY_FILE = "identity.key";
    /** SubjectPublicKeyInfo public key, for operators who want to pin or compare it. */
    public static final String PUBLIC_FILE = "identity.pub";

    private static final Pattern NODE_ID = Pattern.compile("n-[0-9a-f]{32}");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String nodeId;

    private NodeIdentity(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.nodeId = nodeIdOf(publicKey);
    }

    public static NodeIdentity generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(java.security.spec.NamedParameterSpec.ED25519, random);
            KeyPair kp = g.generateKeyPair();
            return new NodeIdentity(kp.getPrivate(), kp.getPublic());
        } catch (GeneralSecurityException e) {
            throw new PkiException("this JDK cannot generate Ed25519 keys", e);
        }
    }

    public static NodeIdentity generate() {
        return generate(new SecureRandom());
    }

    /** Rebuilds an identity from its private key alone (the public key is derived). */
    public static NodeIdentity fromPrivateKey(PrivateKey privateKey) {
        PrivateKey normalized = Ed25519Keys.decodePrivate(privateKey.getEncoded());
        return new NodeIdentity(normalized, Ed25519Keys.publicFromPrivate(normalized));
    }

    /** The node id of any Ed25519 public key; see the class comment for the derivation. */
    public static String nodeIdOf(PublicKey ed25519PublicKey) {
        Ed25519Keys.requireEd25519("a node identity key", ed25519PublicKey);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ed25519PublicKey.getEncoded());
            return "n-" + HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new PkiException("no SHA-256", e);
        }
    }

    /** True if {@code s} has the shape of a derived node id (it says nothing about who holds the key). */
    public static boolean isNodeId(String s) {
        return s != null && NODE_ID.matcher(s).matches();
    }

    public String nodeId() {
        return nodeId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Package-private: only the key files and tests need the private key itself. */
    PrivateKey privateKey() {
        return privateKey;
    }

    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new PkiException("Ed25519 signing failed", e);
        }
    }

    /**
     * Whether {@code signature} is a valid Ed25519 signature of {@code data} by {@code publicKey}. Never
     * throws for bad input: a malformed signature or a non-Ed25519 key is simply "not valid".
     */
    public static boolean verify(PublicKey publicKey, byte[] data, byte[] signature) {
        if (!Ed25519Keys.isEd25519(publicKey) || data == null || signature == null || signature.length != 64) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(data);
            return s.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new PkiException("this JDK has no Ed25519", e);
        }
    }

    public String privateKeyPem() {
        return Pem.encode(Pem.PRIVATE_KEY, privateKey.getEncoded());
    }

    public String publicKeyPem() {
        return Pem.encode(Pem.PUBLIC_KEY, publicKey.getEncoded());
    }

    public static PublicKey publicKeyFromPem(String pem) {
        return Ed25519Keys.decodePublic(Pem.decodeFirst(pem, Pem.PUBLIC_KEY));
    }

    /** Writes {@code identity.key} (mode 600) and {@code identity.pub} into {@code dir}. */
    public void save(Path dir) throws IOException {
        SecureFiles.writeSecret(dir.resolve(KEY_FILE), privateKeyPem().getBytes(StandardCharsets.US_ASCII));
        SecureFiles.writePublic(dir.resolve(PUBLIC_FILE), publicKeyPem().getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(KEY_FILE));
    }

    /**
     * Reads {@code identity.key} from {@code dir}. If {@code identity.pub} is there too it must match,
     * so a copied or half-replaced identity is noticed at start-up rather than as mysterious signature
     * failures later.
     */
    public static NodeIdentity load(Path dir) throws IOException {
        String pem = Files.readString(dir.resolve(KEY_FILE), StandardCharsets.US_ASCII);
        NodeIdentity id = fromPrivateKey(Ed25519Keys.decodePrivate(Pem.decodeFirst(pem, Pem.PRIVATE_KEY)));
        Path pub = dir.resolve(PUBLIC_FILE);
        if (Files.isRegularFile(pub)) {
            PublicKey stored = publicKeyFromPem(Files.readString(pub, StandardCharsets.US_ASCII));
            if (!Arrays.equals(stored.getEncoded(), id.publicKey.getEncoded())) {
                throw new PkiException(pub + " does not belong to " + dir.resolve(KEY_FILE));
            }
        }
        return id;
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + nodeId + "]";
    }
}
