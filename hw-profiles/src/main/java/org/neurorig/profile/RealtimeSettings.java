package org.neurorig.profile;

/**
 * How the loop thread asks the OS for real-time treatment. Every request that the OS refuses is
 * reported once, and the loop runs anyway.
 *
 * @param priority   SCHED_FIFO priority 1..99, or 0 for the normal scheduler
 * @param cpu        the CPU to pin the loop thread to, or -1 for no pinning
 * @param lockMemory whether to mlockall the process, so no page fault stalls a tick
 * @param idle       how the loop waits for the next deadline
 */
public record RealtimeSettings(int priority, int cpu, boolean lockMemory, Idle idle) {

    /** How the loop waits for its next deadline. */
    public enum Idle {
        /** clock_nanosleep to the absolute deadline: least CPU, most wake-up jitter. */
        SLEEP,
        /** sleep until shortly before the deadline, then spin. */
        SPIN_THEN_SLEEP,
        /** busy spin: a whole core, least jitter. */
        SPIN
    }
}
