package io.cell0.model.command;

import io.cell0.model.Ids;

/** Releases one allocation. */
public record ResourceFree(String allocationId, long timestamp) implements Command {
    public ResourceFree {
        Ids.requireId("allocation_id", allocationId);
    }
}
