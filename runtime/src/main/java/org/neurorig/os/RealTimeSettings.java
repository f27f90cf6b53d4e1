package org.neurorig.os;

/**
 * What a real-time thread asks of the OS. Each part is optional.
 *
 * @param fifoPriority SCHED_FIFO priority 1..99 for the loop thread; 0 leaves the normal (CFS) scheduler
 * @param cpu          the one CPU to pin the loop thread to; -1 lets the kernel place it
 * @param lockMemory   mlockall(MCL_CURRENT | MCL_FUTURE) for the whole process, so no page fault stalls a tick
 */
public record RealTimeSettings(int fifoPriority, int cpu, boolean lockMemory) {

    /** Nothing asked: the normal scheduler, any CPU, pageable memory. */
    public static final RealTimeSettings NONE = new RealTimeSettings(0, -1, false);

    public RealTimeSettings {
        if (fifoPriority < 0 || fifoPriority > 99) {
            throw new IllegalArgumentException("priority " + fifoPriority
                    + " is out of range: expected 1 to 99 for SCHED_FIFO, or 0 for the normal scheduler");
        }
        if (cpu < -1) {
            throw new IllegalArgumentException("cpu " + cpu + " is out of range: expected a CPU number >= 0, or -1 for any");
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpu >= cpus) {
            throw new IllegalArgumentException("cpu " + cpu + " does not exist here: this machine has CPUs 0 to " + (cpus - 1));
        }
    }

    /** Whether anything is asked at all. */
    public boolean any() {
        return fifoPriority > 0 || cpu >= 0 || lockMemory;
    }
}
