package io.cell0.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository under test: the deployment files live beside the modules. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("cell0.repo");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        return root.toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PKI tool jar built by the security module, as the PKI image copies it. */
    static Path pkiJar() {
        return file("security/target/cell0-security.jar");
    }
}
