package io.cell0.security;

/** The outcome of {@link SignedEnvelope#verify}: a reason to switch on and a sentence for the log. */
public record EnvelopeVerdict(Reason reason, String detail) {

    public enum Reason {
        OK,
        /** The bytes are not an envelope. */
        MALFORMED,
        /** No public key is known for the claimed sender. */
        UNKNOWN_SENDER,
        /** The signature does not verify with the sender's key: forged or altered. */
        BAD_SIGNATURE,
        /** The timestamp is outside the replay window around now. */
        STALE,
        /** This (sender, nonce) was already accepted. */
        REPLAYED,
        /** The replay guard is full; refused rather than risk a replay. Retry later. */
        OVERLOADED
    }

    public boolean isOk() {
        return reason == Reason.OK;
    }
}
