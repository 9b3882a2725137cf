package io.cell0.coordinator.runtime;

import tools.jackson.databind.JsonNode;

/**
 * When an agent's process exits: {@code always} restart, restart {@code on-failure} (non-zero exit,
 * the default), or {@code never}; at most {@code maxRestarts} times in a row (default 5), waiting
 * 1 s, 2 s, 4 s ... up to a cap between attempts. The agent's config chooses ({@code restart},
 * {@code max_restarts}); the API checked both when the agent was created.
 */
record RestartPolicy(Mode mode, int maxRestarts) {
    enum Mode { ALWAYS, ON_FAILURE, NEVER }

    static RestartPolicy of(JsonNode config) {
        String restart = config.path("restart").asString("on-failure");
        Mode mode = switch (restart) {
            case "always" -> Mode.ALWAYS;
            case "never" -> Mode.NEVER;
            default -> Mode.ON_FAILURE;
        };
        return new RestartPolicy(mode, config.path("max_restarts").asInt(5));
    }

    /** Whether an exit with {@code exitCode}, after {@code restarts} restarts so far, is restarted. */
    boolean restarts(int exitCode, int restarts) {
        boolean wanted = switch (mode) {
            case ALWAYS -> true;
            case ON_FAILURE -> exitCode != 0;
            case NEVER -> false;
        };
        return wanted && restarts < maxRestarts;
    }

    static long backoffMillis(int restarts, long capMillis) {
        long d = 1000L << Math.min(restarts, 20);
        return Math.min(d, capMillis);
    }
}
