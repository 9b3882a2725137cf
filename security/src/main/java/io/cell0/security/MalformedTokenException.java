package io.cell0.security;

/** A join token string or payload that does not follow the format; see {@link JoinToken}. */
public class MalformedTokenException extends Exception {
    public MalformedTokenException(String message) {
        super(message);
    }
}
