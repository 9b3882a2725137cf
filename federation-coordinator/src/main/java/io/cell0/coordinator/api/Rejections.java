package io.cell0.coordinator.api;

import io.cell0.model.command.CommandResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Maps a state-machine rejection onto an HTTP status. */
final class Rejections {
    private Rejections() {
    }

    static ApiException toProblem(CommandResult result) {
        HttpStatus status = switch (result.reason()) {
            case UNKNOWN_NODE, UNKNOWN_AGENT, UNKNOWN_ALLOCATION -> HttpStatus.NOT_FOUND;
            case DUPLICATE_NODE, DUPLICATE_AGENT, DUPLICATE_ALLOCATION, VERSION_MISMATCH, NODE_NOT_ACTIVE,
                 INSUFFICIENT_CAPACITY, STALE_TERM -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("reason", result.reason().name());
        props.put("index", result.index());
        if (result.reason() == io.cell0.model.command.RejectReason.VERSION_MISMATCH) {
            props.put("current_version", result.version());
        }
        return new ApiException(status, "urn:cell0:problem:" + result.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                result.message(), props);
    }

    static CommandResult requireAccepted(CommandResult result) {
        if (!result.isAccepted()) {
            throw toProblem(result);
        }
        return result;
    }
}
