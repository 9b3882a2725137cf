package io.cell0.model;

/**
 * An amount of the four resources the scheduler accounts for. Integers only, so that arithmetic in
 * the replicated state machine is exact and identical on every replica.
 *
 * @param cpuMillis thousandths of a CPU core
 * @param memoryMb  mebibytes of memory
 * @param gpus      whole GPUs
 * @param storageMb mebibytes of local storage
 */
public record Resources(long cpuMillis, long memoryMb, long gpus, long storageMb) {

    public static final Resources ZERO = new Resources(0, 0, 0, 0);

    public Resources {
        if (cpuMillis < 0 || memoryMb < 0 || gpus < 0 || storageMb < 0) {
            throw new IllegalArgumentException("resources must not be negative: " + cpuMillis + "m cpu, "
                    + memoryMb + " MiB memory, " + gpus + " gpus, " + storageMb + " MiB storage");
        }
    }

    public Resources plus(Resources o) {
        return new Resources(Math.addExact(cpuMillis, o.cpuMillis), Math.addExact(memoryMb, o.memoryMb),
                Math.addExact(gpus, o.gpus), Math.addExact(storageMb, o.storageMb));
    }

    /** Subtracts {@code o}; throws if any component would become negative. */
    public Resources minus(Resources o) {
        return new Resources(cpuMillis - o.cpuMillis, memoryMb - o.memoryMb, gpus - o.gpus, storageMb - o.storageMb);
    }

    /** True when every component of this amount is at most the same component of {@code available}. */
    public boolean fitsWithin(Resources available) {
        return cpuMillis <= available.cpuMillis && memoryMb <= available.memoryMb
                && gpus <= available.gpus && storageMb <= available.storageMb;
    }

    public boolean isZero() {
        return equals(ZERO);
    }
}
