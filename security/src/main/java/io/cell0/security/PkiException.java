package io.cell0.security;

/**
 * A cryptographic operation failed for a reason the caller cannot fix by changing its input, such as a
 * missing JCA algorithm or a key that does not match its certificate. Bad input is reported with
 * {@link IllegalArgumentException} instead, so callers can tell "you asked for something wrong" from
 * "the platform or the files are broken".
 */
public class PkiException extends RuntimeException {
    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
