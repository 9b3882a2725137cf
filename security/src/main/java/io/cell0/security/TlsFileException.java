package io.cell0.security;

/**
 * A TLS file that is missing, unreadable, malformed or inconsistent with the others. {@link #file()} says
 * which of the three it is, so a service can name its own configuration key in the message.
 */
public final class TlsFileException extends PkiException {
    /** The three files of a TLS configuration. */
    public enum File {
        CA_CERT, CERT, KEY
    }

    private final File file;

    public TlsFileException(File file, String message) {
        super(message);
        this.file = file;
    }

    public TlsFileException(File file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    public File file() {
        return file;
    }
}
