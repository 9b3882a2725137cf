package io.cell0.coordinator.core;

import io.cell0.model.Resources;

/** Human-readable amounts for rejection messages. */
final class Format {
    private Format() {
    }

    static String resources(Resources r) {
        return r.cpuMillis() + "m cpu, " + r.memoryMb() + " MiB memory, " + r.gpus() + " gpus, " + r.storageMb() + " MiB storage";
    }

    /** Names each resource that {@code wanted} needs more of than {@code free} has, with the amounts. */
    static String shortfall(Resources wanted, Resources free) {
        StringBuilder sb = new StringBuilder();
        short1(sb, "cpu", "m", wanted.cpuMillis(), free.cpuMillis());
        short1(sb, "memory", " MiB", wanted.memoryMb(), free.memoryMb());
        short1(sb, "gpus", "", wanted.gpus(), free.gpus());
        short1(sb, "storage", " MiB", wanted.storageMb(), free.storageMb());
        return sb.toString();
    }

    private static void short1(StringBuilder sb, String name, String unit, long wanted, long free) {
        if (wanted > free) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(name).append(": ").append(wanted).append(unit).append(" requested, ").append(free).append(unit)
                    .append(" free (short by ").append(wanted - free).append(unit).append(')');
        }
    }
}
