package io.cell0.security;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files atomically, secrets with mode 600.
 *
 * <p>A secret is written to a temporary file that is <em>created</em> with mode 600 and then renamed
 * over the target, so there is no moment where the key sits in a world-readable file, and a crash never
 * leaves half a key behind. On file systems without POSIX permissions (Windows) the mode is skipped.
 */
public final class SecureFiles {
    private static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private SecureFiles() {
    }

    /** Writes {@code content} readable by the owner only (600 where POSIX is available). */
    public static void writeSecret(Path file, byte[] content) throws IOException {
        write(file, content, SECRET);
    }

    /** Writes {@code content} readable by everyone (644 where POSIX is available): certificates, public keys. */
    public static void writePublic(Path file, byte[] content) throws IOException {
        write(file, content, PUBLIC);
    }

    public static boolean isPosix(Path path) {
        FileSystem fs = path.getFileSystem();
        return fs.supportedFileAttributeViews().contains("posix");
    }

    private static void write(Path file, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        boolean posix = isPosix(dir);
        Path tmp = posix
                ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(SECRET))
                : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            if (posix) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
