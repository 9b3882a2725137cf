package io.cell0.model.command;

/**
 * The outcome of applying one command. A rejection is an ordinary result, not an exception, and a
 * rejected command has changed nothing.
 *
 * @param index   the log index at which the command was applied
 * @param reason  null when accepted
 * @param message human-readable detail ("" when accepted)
 * @param version for {@code ConfigUpdate}: the key's new version when accepted, its current version
 *                (0 if absent) when rejected for a mismatch; otherwise 0
 */
public record CommandResult(long index, RejectReason reason, String message, long version) {

    public CommandResult {
        message = message == null ? "" : message;
    }

    public static CommandResult accepted(long index) {
        return new CommandResult(index, null, "", 0);
    }

    public static CommandResult accepted(long index, long version) {
        return new CommandResult(index, null, "", version);
    }

    public static CommandResult rejected(long index, RejectReason reason, String message) {
        return new CommandResult(index, reason, message, 0);
    }

    public boolean isAccepted() {
        return reason == null;
    }
}
