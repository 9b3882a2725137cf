package io.cell0.security.cli;

import io.cell0.security.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The password of the PKCS#12 files in a directory. PKCS#12 needs one, but it protects nothing here: the
 * same key sits next to it as an unencrypted PEM file for Ratis. So rather than a well-known default we
 * generate a random one per directory and keep it in {@code store.pass} (mode 600), where Spring's SSL
 * bundle configuration can read it; {@code --store-password} or {@code CELL0_STORE_PASSWORD} override.
 */
final class StorePasswords {
    static final String FILE = "store.pass";

    private StorePasswords() {
    }

    static char[] resolve(String explicit, Path dir) throws IOException {
        if (explicit != null && !explicit.isEmpty()) {
            return explicit.toCharArray();
        }
        Path file = dir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        SecureFiles.writeSecret(file, (password + "\n").getBytes(StandardCharsets.US_ASCII));
        return password.toCharArray();
    }
}
