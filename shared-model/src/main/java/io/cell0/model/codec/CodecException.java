package io.cell0.model.codec;

/** Bytes that are not a valid encoding: truncated, corrupted, of an unknown version, or describing an invalid value. */
public class CodecException extends RuntimeException {
    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
