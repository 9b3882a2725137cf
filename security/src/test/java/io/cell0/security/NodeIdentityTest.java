package io.cell0.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
    private static final byte[] DATA = "join me".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    @Test
    void nodeIdIsTheFirst16BytesOfTheSha256OfThePublicKeyInHex() throws Exception {
        NodeIdentity id = NodeIdentity.generate();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.publicKey().getEncoded());
        assertThat(id.nodeId()).isEqualTo("n-" + HexFormat.of().formatHex(Arrays.copyOf(digest, 16)));
        assertThat(NodeIdentity.nodeIdOf(id.publicKey())).isEqualTo(id.nodeId());
    }

    @Test
    void nodeIdIsAValidLowercaseLabelAndDiffersBetweenKeys() {
        NodeIdentity a = NodeIdentity.generate();
        NodeIdentity b = NodeIdentity.generate();
        assertThat(a.nodeId()).matches("[a-z0-9-]{1,63}").hasSize(34);
        assertThat(Names.isValid(a.nodeId())).isTrue();
        assertThat(NodeIdentity.isNodeId(a.nodeId())).isTrue();
        assertThat(a.nodeId()).isNotEqualTo(b.nodeId());
    }

    @Test
    void signaturesVerifyWithTheRightKeyOnly() {
        NodeIdentity id = NodeIdentity.generate();
        byte[] sig = id.sign(DATA);
        assertThat(NodeIdentity.verify(id.publicKey(), DATA, sig)).isTrue();
        assertThat(NodeIdentity.verify(NodeIdentity.generate().publicKey(), DATA, sig)).isFalse();
    }

    @Test
    void tamperedDataOrSignatureFails() {
        NodeIdentity id = NodeIdentity.generate();
        byte[] sig = id.sign(DATA);
        byte[] data2 = DATA.clone();
        data2[0] ^= 1;
        assertThat(NodeIdentity.verify(id.publicKey(), data2, sig)).isFalse();
        for (int i = 0; i < sig.length; i++) {
            byte[] sig2 = sig.clone();
            sig2[i] ^= 0x40;
            assertThat(NodeIdentity.verify(id.publicKey(), DATA, sig2)).as("byte %d", i).isFalse();
        }
        assertThat(NodeIdentity.verify(id.publicKey(), DATA, Arrays.copyOf(sig, 63))).isFalse();
    }

    @Test
    void verifyRefusesNonEd25519Keys() {
        byte[] sig = NodeIdentity.generate().sign(DATA);
        assertThat(NodeIdentity.verify(EcKeys.generateP256().getPublic(), DATA, sig)).isFalse();
        assertThatThrownBy(() -> NodeIdentity.nodeIdOf(EcKeys.generateP256().getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pemRoundTripKeepsTheIdAndTheKey() throws Exception {
        NodeIdentity id = NodeIdentity.generate();
        id.save(tmp);
        NodeIdentity loaded = NodeIdentity.load(tmp);
        assertThat(loaded.nodeId()).isEqualTo(id.nodeId());
        assertThat(loaded.publicKey().getEncoded()).isEqualTo(id.publicKey().getEncoded());
        assertThat(NodeIdentity.verify(id.publicKey(), DATA, loaded.sign(DATA))).isTrue();
        assertThat(Files.readString(tmp.resolve(NodeIdentity.KEY_FILE))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(tmp.resolve(NodeIdentity.PUBLIC_FILE))).startsWith("-----BEGIN PUBLIC KEY-----\n");
    }

    @Test
    void thePublicKeyIsDerivedFromThePrivateKeyAlone() throws Exception {
        NodeIdentity id = NodeIdentity.generate();
        id.save(tmp);
        Files.delete(tmp.resolve(NodeIdentity.PUBLIC_FILE));
        assertThat(NodeIdentity.load(tmp).nodeId()).isEqualTo(id.nodeId());
        assertThat(NodeIdentity.fromPrivateKey(id.privateKey()).publicKey().getEncoded()).isEqualTo(id.publicKey().getEncoded());
    }

    @Test
    void aPublicKeyFileOfAnotherIdentityIsDetected() throws Exception {
        NodeIdentity.generate().save(tmp);
        Files.writeString(tmp.resolve(NodeIdentity.PUBLIC_FILE), NodeIdentity.generate().publicKeyPem());
        assertThatThrownBy(() -> NodeIdentity.load(tmp)).isInstanceOf(PkiException.class).hasMessageContaining("does not belong");
    }

    @Test
    void thePrivateKeyFileIsReadableByTheOwnerOnly() throws Exception {
        assumeThat(SecureFiles.isPosix(tmp)).isTrue();
        NodeIdentity.generate().save(tmp);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(NodeIdentity.KEY_FILE)))).isEqualTo("rw-------");
        // Saving again over an existing file keeps the mode.
        NodeIdentity.generate().save(tmp);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(NodeIdentity.KEY_FILE)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(NodeIdentity.PUBLIC_FILE)))).isEqualTo("rw-r--r--");
    }
}
