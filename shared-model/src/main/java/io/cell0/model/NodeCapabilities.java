package io.cell0.model;

import java.util.List;
import java.util.TreeSet;

/** The capability tags a node advertises (seed: {@code ["compute", "storage"]}), kept sorted and unique. */
public record NodeCapabilities(List<String> tags) {

    public static final NodeCapabilities NONE = new NodeCapabilities(List.of());

    public NodeCapabilities {
        if (tags == null || tags.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("capability tags must be a list of non-null strings");
        }
        tags = List.copyOf(new TreeSet<>(tags));
    }

    public boolean has(String tag) {
        return tags.contains(tag);
    }
}
