package org.neurorig.bridge.testing;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the calling thread, from HotSpot's per-thread counter (it sees every allocation,
 * including objects that never escape). The same idea as runtime's AllocationMeter, kept here because
 * test classes do not travel between modules.
 */
public final class ThreadAllocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ThreadAllocations() {
    }

    /**
     * Runs {@code action} until a run allocates nothing or {@code maxRuns} is reached, so that what is
     * measured next is JIT-compiled steady state; then runs it once more and returns what that run allocated.
     */
    public static long steadyStateBytes(Runnable action, int maxRuns) {
        for (int run = 0; run < maxRuns && bytes(action) != 0; run++) {
            // warming up: the interpreter and C1 allocate where C2 does not
        }
        return bytes(action);
    }

    /** Bytes the current thread allocated while {@code action} ran, less the counter's own cost. */
    public static long bytes(Runnable action) {
        long overhead = measure(() -> { });
        return Math.max(0, measure(action) - overhead);
    }

    private static long measure(Runnable action) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        action.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
