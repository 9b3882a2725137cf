package io.cell0.coordinator.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;

/**
 * The outcome of one check: its level, the reasons for anything short of HEALTHY (in the order they
 * were found), and the figures it looked at (snake_case keys, shown as the indicator's details).
 */
public record Verdict(Level level, List<String> reasons, Map<String, Object> details) {

    public Verdict {
        reasons = List.copyOf(reasons);
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public Health toHealth() {
        Health.Builder b = Health.status(level.status());
        if (!reasons.isEmpty()) {
            b.withDetail("reasons", reasons);
        }
        return b.withDetails(details).build();
    }

    /** Collects a verdict: every finding raises the level to at least its own and adds its reason. */
    static final class Builder {
        private Level level = Level.HEALTHY;
        private final List<String> reasons = new ArrayList<>();
        private final Map<String, Object> details = new LinkedHashMap<>();

        Builder finding(Level at, String reason) {
            level = level.worst(at);
            reasons.add(reason);
            return this;
        }

        Builder detail(String key, Object value) {
            details.put(key, value);
            return this;
        }

        Level level() {
            return level;
        }

        Verdict build() {
            return new Verdict(level, reasons, details);
        }
    }
}
